"""营商环境我来评: a catalogue of high-frequency enterprise services (事项),
each with its handling unit; anyone rates a service 1–5 stars with a
comment on the public page; averages, distributions and monthly trends per
service and unit for staff; a rating of 1–2 stars with a comment becomes a
case (channel ``rating``) for the dispatcher. Rules in docs/feedback-league.md."""
