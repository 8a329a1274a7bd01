# rows: 2
# A German label for a W3C ORG class and a range for a schema.org property.
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX schema: <https://schema.org/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
INSERT DATA {
  org:Organization rdfs:label "Organisation"@de .
  schema:name rdfs:range xsd:string .
}
