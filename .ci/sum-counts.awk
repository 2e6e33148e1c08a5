# Sums the plain count lines of a CI log into the closing line. Counted: `Tests: …` (vitest's
# summary reporter) and `Cells: …` (each secmatrix run). `extra` = failed steps that printed no
# counts of their own (a crash, an install error): each counts as one failure.
/^(Tests|Cells): [0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$/ { p += $2; f += $4; s += $6 }
END { printf "CI: %d passed, %d failed, %d skipped\n", p, f + extra, s }
