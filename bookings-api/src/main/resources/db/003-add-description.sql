-- The migration the bookings API tolerates at run time: before and after it, no restart needed.
ALTER TABLE hotels ADD description VARCHAR(400);
