# rows: 2
# A concept loses its German preferred label; a scheme loses its English definition.
PREFIX fg: <https://w3id.org/firmgraph/ns#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX role: <https://w3id.org/firmgraph/ns/role/>
PREFIX status: <https://w3id.org/firmgraph/ns/status/>
DELETE DATA { role:CEO skos:prefLabel "Vorstandsvorsitzender"@de . } ;
DELETE { status: skos:definition ?d } WHERE { status: skos:definition ?d . FILTER(LANG(?d) = "en") }
