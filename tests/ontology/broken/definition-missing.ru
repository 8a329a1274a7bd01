# rows: 2
# A new property defined in English only, and an existing one that loses its German definition.
PREFIX fg: <https://w3id.org/firmgraph/ns#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
DELETE { fg:jobsCut skos:definition ?d } WHERE { fg:jobsCut skos:definition ?d . FILTER(LANG(?d) = "de") } ;
INSERT DATA {
  fg:furloughed a owl:DatatypeProperty ; rdfs:range xsd:integer ; rdfs:label "furloughed"@en , "in Kurzarbeit"@de ;
    skos:definition "The number of staff put on short time."@en ;
    rdfs:isDefinedBy <https://w3id.org/firmgraph/ns> .
}
