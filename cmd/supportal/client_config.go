package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// clientConfig is what "supportal login" remembers for the client
// commands: which server, and the personal access token to call it with.
type clientConfig struct {
	URL   string `json:"url"`
	Token string `json:"token"`
}

// clientConfigPath is $XDG_CONFIG_HOME/supportal/client.json, else
// ~/.config/supportal/client.json.
func clientConfigPath() (string, error) {
	dir := os.Getenv("XDG_CONFIG_HOME")
	if !filepath.IsAbs(dir) { // the XDG spec says to ignore a relative path
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("no place for the client settings: %w", err)
		}
		dir = filepath.Join(home, ".config")
	}
	return filepath.Join(dir, "supportal", "client.json"), nil
}

// loadClientConfig reads the stored settings; none stored is a zero value.
func loadClientConfig() (clientConfig, error) {
	var cc clientConfig
	path, err := clientConfigPath()
	if err != nil {
		return cc, err
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return cc, nil
	}
	if err != nil {
		return cc, err
	}
	if err := json.Unmarshal(b, &cc); err != nil {
		return cc, fmt.Errorf("%s is damaged (%v); run supportal login again", path, err)
	}
	return cc, nil
}

// saveClientConfig writes the settings readable by the user alone. The
// file is written beside its final name and renamed, so a reader never
// sees half of it.
func saveClientConfig(cc clientConfig) (string, error) {
	path, err := clientConfigPath()
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return "", err
	}
	b, err := json.MarshalIndent(cc, "", "  ")
	if err != nil {
		return "", err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".client-*.json")
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp.Name()) // no-op after the rename
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return "", err
	}
	if _, err := tmp.Write(append(b, '\n')); err != nil {
		tmp.Close()
		return "", err
	}
	if err := tmp.Close(); err != nil {
		return "", err
	}
	return path, os.Rename(tmp.Name(), path)
}
