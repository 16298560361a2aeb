"""Writing records out to files: atomic files, safe cells, CSV/XLSX/JSON writers."""
