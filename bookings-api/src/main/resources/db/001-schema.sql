-- The original's table (planetscale/go-bookings-api scripts/create_db_script.sql), with the
-- character set spelled out so VARCHAR lengths count characters the same everywhere.
CREATE TABLE IF NOT EXISTS hotels (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(50) NOT NULL,
  address VARCHAR(50) NOT NULL,
  stars FLOAT(2) UNSIGNED
) DEFAULT CHARSET = utf8mb4;
