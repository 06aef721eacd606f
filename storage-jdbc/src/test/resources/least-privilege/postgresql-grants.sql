GRANT SELECT, INSERT, UPDATE, DELETE ON persistent_assignments TO pa_app;
