package api

import "supportal/internal/web"

// Register adds the API endpoints.
func Register(s *web.Server) {}
