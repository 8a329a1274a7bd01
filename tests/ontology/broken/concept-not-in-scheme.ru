# rows: 4
# A concept in no scheme (two problems), and a concept that loses skos:topConceptOf (two more).
PREFIX fg: <https://w3id.org/firmgraph/ns#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX reason: <https://w3id.org/firmgraph/ns/reason/>
INSERT DATA {
  reason:robots a skos:Concept ; skos:prefLabel "robots"@en , "Roboter"@de ;
    skos:definition "Robots."@en , "Roboter."@de .
} ;
DELETE DATA { reason:ai skos:topConceptOf reason: . }
