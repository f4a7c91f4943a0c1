"""Readers: turn a .txt, .md, .pdf or .docx file into format-neutral `Line`s."""

from ingest.readers.base import Line, RawDocument, ReadError
from ingest.readers.docx import read_docx
from ingest.readers.pdf import read_pdf
from ingest.readers.registry import SUPPORTED, find_documents, read_document, scan_documents
from ingest.readers.text import read_text

__all__ = [
    "SUPPORTED",
    "Line",
    "RawDocument",
    "ReadError",
    "find_documents",
    "read_document",
    "read_docx",
    "read_pdf",
    "read_text",
    "scan_documents",
]
