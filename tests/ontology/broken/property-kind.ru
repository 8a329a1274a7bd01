# rows: 3
# A property that is both object and datatype property with a datatype range, and a datatype property
# whose range is a class.
PREFIX fg: <https://w3id.org/firmgraph/ns#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
INSERT DATA {
  fg:furloughed a owl:ObjectProperty , owl:DatatypeProperty ; rdfs:range xsd:integer .
  fg:furloughUnit a owl:DatatypeProperty ; rdfs:range org:Organization .
}
