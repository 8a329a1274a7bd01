# rows: 1
# A new class labelled in German only.
PREFIX fg: <https://w3id.org/firmgraph/ns#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
INSERT DATA {
  fg:Furlough a owl:Class ; rdfs:subClassOf fg:RestructuringEvent ; rdfs:label "Kurzarbeit"@de ;
    skos:definition "Temporary reduction of working time."@en , "Vorübergehende Verkürzung der Arbeitszeit."@de ;
    rdfs:isDefinedBy <https://w3id.org/firmgraph/ns> .
}
