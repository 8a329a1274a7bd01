# rows: 1
# A new property whose English label repeats fg:jobsCut's, differing only in case.
PREFIX fg: <https://w3id.org/firmgraph/ns#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
INSERT DATA {
  fg:jobCount a owl:DatatypeProperty ; rdfs:range xsd:integer ; rdfs:label "Jobs Cut"@en , "Stellenzahl"@de ;
    skos:definition "A count of jobs."@en , "Eine Zahl von Stellen."@de ;
    rdfs:isDefinedBy <https://w3id.org/firmgraph/ns> .
}
