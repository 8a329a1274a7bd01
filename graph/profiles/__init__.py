"""What entity pages show, kind by kind: descriptions, facts with their evidence, reports compared source by source."""
