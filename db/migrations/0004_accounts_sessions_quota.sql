ALTER TABLE `proposals` ADD `created_by_id` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `sessions` ADD `last_seen_at` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `disabled_at` integer;