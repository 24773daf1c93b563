package portal

import "supportal/internal/web"

// Register adds the pages of this surface.
func Register(s *web.Server) {}
