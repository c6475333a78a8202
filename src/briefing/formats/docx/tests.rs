//! Unit tests of the .docx reader.
