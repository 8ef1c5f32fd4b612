-- A customer's state compresses to one or two kilobytes. With the default storage (EXTENDED) any
-- compressed value over ~2 KB is moved out of line into the TOAST table, so about half the states
-- cost a TOAST index look-up and chunk reads on every activation, and new chunks, index entries and
-- dead chunks on every checkpoint write. MAIN keeps the compressed value in the row unless the row
-- would not fit a page at all. Values already stored move when they are next written.
ALTER TABLE grain_state ALTER COLUMN data SET STORAGE MAIN;
