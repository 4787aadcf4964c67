"""The unit league table (晾晒): per unit on-time milestones, warnings, report
timeliness, evaluations and open rectifications, scored and ranked."""
