# rows: 3
# Two German preferred labels on one concept, a label both preferred and alternative, and a German
# alternative label that another role already has.
PREFIX fg: <https://w3id.org/firmgraph/ns#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX role: <https://w3id.org/firmgraph/ns/role/>
PREFIX status: <https://w3id.org/firmgraph/ns/status/>
INSERT DATA {
  role:CFO skos:prefLabel "Kämmerer"@de .
  status:completed skos:altLabel "abgeschlossen"@de .
  role:Head skos:altLabel "Konzernchef"@de .
}
