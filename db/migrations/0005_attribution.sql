CREATE TABLE `doc_clients` (
	`doc_name` text NOT NULL,
	`client_id` integer NOT NULL,
	`user_id` text,
	`department_id` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`doc_name`, `client_id`)
);
--> statement-breakpoint
CREATE TABLE `doc_edits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`doc_name` text NOT NULL,
	`user_id` text NOT NULL,
	`department_id` text NOT NULL,
	`first_at` integer NOT NULL,
	`last_at` integer NOT NULL,
	`updates` integer NOT NULL,
	`inserted` text NOT NULL,
	`deleted` text NOT NULL,
	`sections` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `doc_edits_doc_user` ON `doc_edits` (`doc_name`,`user_id`,`id`);--> statement-breakpoint
CREATE INDEX `doc_edits_doc_last` ON `doc_edits` (`doc_name`,`last_at`);--> statement-breakpoint
ALTER TABLE `doc_updates` ADD `user_id` text;--> statement-breakpoint
ALTER TABLE `doc_updates` ADD `department_id` text;