"""Open311 GeoReport v2 at ``/api/feedback/open311/v2/`` (docs/integrations/open311.md):
services are the case category tree, a POSTed service request becomes a case
with channel ``open311`` through the same intake as the public form, and its
progress reads back as an Open311 request (open/closed with status notes)."""
