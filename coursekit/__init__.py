"""Authoring toolkit for Jupyter Book 1 courses: scaffold, check, clean, preview, build, test."""

# Modules, by concern:
#   cli      argument parsing and the ``coursekit`` entry point
#   nbio     safe reading and atomic, clobber-proof writing
#   lesson   ``new``: numbering, skeleton, toc insertion
#   toc      reading/editing _toc.yml (ruamel.yaml round trip)
#   check    lint rules; markdown: MyST scanning helpers used by the rules
#   clean    stripping outputs and metadata
#   config   project root, [tool.coursekit] settings, bibliography files
#   run      build / preview / test command lines
