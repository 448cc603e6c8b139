"""Stage 2, language processing: spaCy parsing, the parsed document and the quotation scanner."""
