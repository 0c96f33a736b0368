-- Follow-up (back office): the dashboard and the OCMW list aggregate every OCMW's forms of one report year in one
-- query; the submissions chart groups a year's submitted forms by day. With 565 OCMWs × 5 measures these indexes
-- keep both to an index range scan instead of reading every form of every year.
CREATE INDEX form_instances_report_year ON form_instances (report_year, campaign_id);
CREATE INDEX form_instances_submitted ON form_instances (report_year, submitted_at) WHERE submitted_at IS NOT NULL;
