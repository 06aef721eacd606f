GRANT SELECT, INSERT, UPDATE, DELETE, CREATE ON app.persistent_assignments TO 'pa_app'@'%';
