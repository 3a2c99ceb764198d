"""Reading the files that bring records into Redress: the case management system's CSV export."""
