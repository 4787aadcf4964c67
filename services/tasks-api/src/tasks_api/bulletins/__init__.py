"""Bulletins (通报): frozen monthly, quarterly and annual reports naming the
best and worst units, downloadable as an official notice (.docx) and a
workbook (.xlsx), published to every unit's inbox."""
