package main

import (
	"context"
	"fmt"

	"supportal/internal/app"
)

func runMigrate(ctx context.Context, c *cli, args []string) error {
	fs, cfg := newFlags(c, "migrate", "[--data-dir DIR | --database-url URL]")
	cfg.RegisterDatabase(fs)
	if err := parse(fs, cfg, args); err != nil {
		return err
	}
	st, err := app.OpenStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	applied, err := st.Migrate(ctx)
	if err != nil {
		return err
	}
	if len(applied) == 0 {
		fmt.Fprintf(c.stdout, "%s: schema is up to date\n", cfg.DatabaseName())
		return nil
	}
	fmt.Fprintf(c.stdout, "%s: applied migrations %v\n", cfg.DatabaseName(), applied)
	return nil
}
