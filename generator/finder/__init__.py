"""The finder ("Mau lapor apa?"): citizens' words to the agencies that answer them.

``knowledge`` (the shipped urusan.yml and thesaurus.yml, a region's data/thesaurus.yml),
``stem`` (Sastrawi's Nazief–Adriani stemmer), ``index`` (the terms of an agency row and
finder.json for the browser), ``rank`` (the ranking's Python reference; finder.js runs the same
steps). Imports safe input only.
"""
