GRANT SELECT, INSERT, UPDATE, DELETE ON app.persistent_assignments TO 'pa_app'@'%';
