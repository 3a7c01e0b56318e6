"""Pure journey rules: days, streaks, slips, urges and milestones. No I/O, no clock."""
