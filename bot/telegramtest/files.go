package telegramtest

import (
	"fmt"
	"net/http"
	"path"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// maxDownload is the largest file a bot may download with getFile.
const maxDownload = 20 << 20

// storedFile is a file the fake knows, by file_id.
type storedFile struct {
	id       string
	uniqueID string
	path     string
	name     string
	mime     string
	data     []byte
	photo    []tgbotapi.PhotoSize // all sizes, when the file is a photo size
}

// addFile registers a file under a fresh file_id. Call with s.mu held.
func (s *Server) addFile(dir, name string, data []byte) *storedFile {
	n := s.nextSeq()
	prefix := "BQACAgUAAxkBAAI"
	if dir == "photos" {
		prefix = "AgACAgUAAxkBAAI"
	}
	f := &storedFile{
		id:       fmt.Sprintf("%s%06d", prefix, n),
		uniqueID: fmt.Sprintf("AgAD%06d", n),
		path:     fmt.Sprintf("%s/file_%d%s", dir, n, path.Ext(name)),
		name:     name,
		data:     data,
	}
	s.files[f.id] = f
	return f
}

// newPhoto registers a photo in three sizes, largest last. A non-empty
// uniqueID becomes the file_unique_id of the largest size. Call with s.mu
// held.
func (s *Server) newPhoto(uniqueID string) []tgbotapi.PhotoSize {
	dims := [][2]int{{90, 67}, {320, 240}, {1280, 960}}
	sizes := make([]tgbotapi.PhotoSize, len(dims))
	files := make([]*storedFile, len(dims))
	for i, d := range dims {
		data := fmt.Appendf([]byte("\xff\xd8\xff\xe0JFIF"), "%dx%d", d[0], d[1])
		f := s.addFile("photos", "photo.jpg", data)
		files[i] = f
		sizes[i] = tgbotapi.PhotoSize{FileID: f.id, FileUniqueID: f.uniqueID, Width: d[0], Height: d[1], FileSize: len(data)}
	}
	if uniqueID != "" {
		files[len(files)-1].uniqueID = uniqueID
		sizes[len(sizes)-1].FileUniqueID = uniqueID
	}
	for _, f := range files {
		f.photo = sizes
	}
	return sizes
}

// photoFromUpload registers an uploaded photo. Call with s.mu held.
func (s *Server) photoFromUpload(u upload) []tgbotapi.PhotoSize {
	sizes := s.newPhoto("")
	for i := range sizes {
		f := s.files[sizes[i].FileID]
		f.data = u.data
		sizes[i].FileSize = len(u.data)
	}
	return sizes
}

// photoFromParam resolves the photo parameter (a file_id, an http(s) URL
// or an uploaded file) into sizes. Call with s.mu held.
func (s *Server) photoFromParam(p *params, field string) ([]tgbotapi.PhotoSize, *apiError) {
	if u, ok := p.files[field]; ok {
		return s.photoFromUpload(u), nil
	}
	ref := p.str(field)
	if name, ok := strings.CutPrefix(ref, "attach://"); ok {
		u, ok := p.files[name]
		if !ok {
			return nil, badRequest("wrong file identifier/HTTP URL specified")
		}
		return s.photoFromUpload(u), nil
	}
	switch {
	case ref == "":
		return nil, badRequest("there is no photo in the request")
	case strings.HasPrefix(ref, "http://") || strings.HasPrefix(ref, "https://"):
		return s.photoFromUpload(upload{name: path.Base(ref), data: []byte(ref)}), nil
	}
	f, ok := s.files[ref]
	if !ok || f.photo == nil {
		return nil, badRequest("wrong file identifier/HTTP URL specified")
	}
	return f.photo, nil
}

// documentFromParam resolves the document parameter. Call with s.mu held.
func (s *Server) documentFromParam(p *params, field string) (*Document, *apiError) {
	u, ok := p.files[field]
	ref := p.str(field)
	if name, isAttach := strings.CutPrefix(ref, "attach://"); isAttach {
		u, ok = p.files[name]
		if !ok {
			return nil, badRequest("wrong file identifier/HTTP URL specified")
		}
	}
	if ok {
		if len(u.data) == 0 {
			return nil, badRequest("file must be non-empty")
		}
		f := s.addFile("documents", u.name, u.data)
		f.mime = u.mime
		return &Document{FileID: f.id, Name: u.name, MIMEType: u.mime, Data: u.data}, nil
	}
	switch {
	case ref == "":
		return nil, badRequest("there is no document in the request")
	case strings.HasPrefix(ref, "http://") || strings.HasPrefix(ref, "https://"):
		f := s.addFile("documents", path.Base(ref), nil)
		return &Document{FileID: f.id, Name: f.name}, nil
	}
	f, ok := s.files[ref]
	if !ok {
		return nil, badRequest("wrong file identifier/HTTP URL specified")
	}
	return &Document{FileID: f.id, Name: f.name, MIMEType: f.mime, Data: f.data}, nil
}

// getFile implements https://core.telegram.org/bots/api#getfile.
func (s *Server) getFile(_ *http.Request, p *params) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, ok := s.files[p.str("file_id")]
	switch {
	case !p.has("file_id"):
		return nil, badRequest("file_id not specified")
	case !ok:
		return nil, badRequest("invalid file_id")
	case len(f.data) > maxDownload:
		return nil, badRequest("file is too big")
	}
	return tgbotapi.File{FileID: f.id, FileUniqueID: f.uniqueID, FileSize: len(f.data), FilePath: f.path}, nil
}

// serveFile answers downloads at /file/bot<token>/<file_path>.
func (s *Server) serveFile(w http.ResponseWriter, rest string) {
	token, filePath, _ := strings.Cut(rest, "/")
	if token != s.Token {
		writeError(w, &apiError{code: http.StatusUnauthorized, description: "Unauthorized"})
		return
	}
	s.mu.Lock()
	var data []byte
	found := false
	for _, f := range s.files {
		if f.path == filePath {
			data, found = f.data, true
			break
		}
	}
	s.mu.Unlock()
	if !found {
		writeError(w, &apiError{code: http.StatusNotFound, description: "Not Found"})
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	_, _ = w.Write(data)
}
