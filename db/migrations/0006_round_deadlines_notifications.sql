CREATE TABLE `notification_settings` (
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`in_app` integer NOT NULL,
	`email` integer NOT NULL,
	PRIMARY KEY(`user_id`, `kind`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`proposal_id` text NOT NULL,
	`detail` text NOT NULL,
	`dedupe_key` text,
	`created_at` integer NOT NULL,
	`in_app` integer NOT NULL,
	`read_at` integer,
	`email_state` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `notifications_user` ON `notifications` (`user_id`,`id`);--> statement-breakpoint
CREATE INDEX `notifications_email` ON `notifications` (`email_state`,`user_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_dedupe` ON `notifications` (`user_id`,`dedupe_key`);--> statement-breakpoint
ALTER TABLE `comments` ADD `mentioned_user_ids` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `proposal_departments` ADD `due` text;--> statement-breakpoint
ALTER TABLE `proposal_departments` ADD `due_extended_at` integer;--> statement-breakpoint
ALTER TABLE `signatures` ADD `outdated_at` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `email` text;