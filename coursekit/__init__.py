"""Authoring toolkit for Jupyter Book 1 courses: scaffold, check, clean, preview, build, test."""

# Modules, by concern (coursekit imports no course or model package; every folder it
# uses is a [tool.coursekit] setting):
#   cli         the command table (every subcommand) and the ``coursekit`` entry point
#   cmdline     what each subcommand's main(argv) shares: parser, exit statuses, report
#   errors      CourseKitError, the one error type, and the exit statuses 0 / 1 / 2
#   config      project root, validated [tool.coursekit] settings, bibliography files
#   nbio        safe reading and atomic_write, the one clobber-proof writer
#   lesson      ``new``: numbering, skeleton, toc insertion
#   toc         reading/editing _toc.yml (ruamel.yaml round trip)
#   check       lint rules (``check``, ``rules``); markdown: MyST scanning helpers
#   clean       stripping outputs and metadata
#   run         build / preview / test command lines
#   snapshot    executed nbval twins of the lessons
#   vendor, offline, buildlog, cachestamp, plotly_renderer: site plumbing
