"""The site's build: hooks/main.py is the one hook mkdocs.yml lists; hooks/passes.py says
which pass runs when; each other module is one concern of the build."""
