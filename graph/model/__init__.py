"""The data model: namespaces and terms, IRI minting, records (the JSON shape of extracted facts), concept labels."""
