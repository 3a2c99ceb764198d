"""Read models: what the pages, the API and the use cases read. Nothing here changes a record."""
