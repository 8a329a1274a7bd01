"""Publishing linked data: dumps (export), JSON-LD, the dataset description (VoID, DCAT), vocabulary documentation."""
