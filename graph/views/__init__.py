"""Analyst views: filters and the query Runner, ego networks, firm-firm projections, analytics, timeline; the HTML renderers."""
