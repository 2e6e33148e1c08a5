# Sums the plain count lines of a CI log into the closing line. Each counted step starts with a
# `##step KIND` marker: a tests step (npm test) counts its `Tests: …` line (vitest's summary
# reporter), a cells step (secmatrix run) its `Cells: …` lines; other count-shaped lines in a
# step's output (a run's output quoted in a test's failure message) are not its own.
# `extra` = failed steps that printed no counts of their own (a crash, an install error): each
# counts as one failure.
/^##step / { kind = $2; next }
/^(Tests|Cells): [0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$/ {
  if (($1 == "Tests:" && kind == "tests") || ($1 == "Cells:" && kind == "cells")) { p += $2; f += $4; s += $6 }
}
END { printf "CI: %d passed, %d failed, %d skipped\n", p, f + extra, s }
