"""Repeat detection at intake (重复诉求): a new case from the same enterprise
(credit code, normalised name or phone) on the same matter (same category,
similar text) within the repeat window of an earlier case's closing is
flagged ``suggested`` and linked; staff confirm or dismiss the flag. Rules in
docs/feedback-league.md."""
