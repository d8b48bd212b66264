package playground

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	_ "image/gif"  // photos the page shows
	_ "image/jpeg" // photos the page shows
	_ "image/png"  // photos the page shows
	"io"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
)

// maxUpload bounds one upload of photos, Telegram's 50 MB for bots.
const maxUpload = 50 << 20

// maxAlbum is how many photos Telegram puts in one album.
const maxAlbum = 10

// pressWait is how long a press waits for the bot's answer before the
// page is told nothing came (Telegram's app stops the spinner too).
const pressWait = 10 * time.Second

type config struct {
	Admin   Person  `json:"admin"`
	Places  []Place `json:"places"`
	Outside Place   `json:"outside"`
}

func (v *View) serveConfig(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, config{Admin: v.opts.Admin, Places: v.opts.Places, Outside: v.opts.Outside})
}

func (v *View) servePeople(w http.ResponseWriter, _ *http.Request) {
	people, _ := v.snapshotPeople()
	writeJSON(w, people)
}

func (v *View) createPerson(w http.ResponseWriter, r *http.Request) {
	var in struct{ Name, Phone string }
	if !readJSON(w, r, &in) {
		return
	}
	p, err := v.create(in.Name, in.Phone)
	if err != nil {
		writeProblem(w, err)
		return
	}
	writeJSON(w, p)
}

func (v *View) serveChat(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	snap, found := v.srv.Snapshot(id)
	if !ok || !found || v.user(id) == nil {
		http.NotFound(w, r)
		return
	}
	writeJSON(w, snap)
}

// send carries out what a person does in a chat: POST
// /api/chats/{id}/{text|contact|location|sticker|photos|press}.
func (v *View) send(w http.ResponseWriter, r *http.Request) {
	id, _ := pathID(r)
	u := v.user(id)
	if u == nil {
		writeProblem(w, errNoPerson)
		return
	}
	switch r.PathValue("action") {
	case "text":
		var in struct{ Text string }
		if !readJSON(w, r, &in) {
			return
		}
		if strings.TrimSpace(in.Text) == "" {
			writeProblem(w, errors.New("Pesan kosong."))
			return
		}
		u.SendText(in.Text)
	case "contact":
		p, err := v.person(id)
		if err != nil {
			writeProblem(w, err)
			return
		}
		u.SendContact(p.Phone, true)
	case "location":
		var in struct{ Lat, Lon float64 }
		if !readJSON(w, r, &in) {
			return
		}
		if in.Lat < -90 || in.Lat > 90 || in.Lon < -180 || in.Lon > 180 {
			writeProblem(w, errors.New("Lintang −90…90, bujur −180…180."))
			return
		}
		u.SendLocation(in.Lat, in.Lon)
	case "sticker":
		u.SendSticker()
	case "photos":
		v.sendPhotos(w, r, id)
		return
	case "press":
		v.press(w, r, id)
		return
	default:
		http.NotFound(w, r)
		return
	}
	writeJSON(w, struct{}{})
}

// sendPhotos sends the uploaded images: one as a photo, several as
// albums of up to ten.
func (v *View) sendPhotos(w http.ResponseWriter, r *http.Request, id int64) {
	r.Body = http.MaxBytesReader(w, r.Body, maxUpload)
	if err := r.ParseMultipartForm(maxUpload); err != nil {
		writeProblem(w, errors.New("Berkas terlalu besar (paling besar 50 MB)."))
		return
	}
	var images [][]byte
	for _, fh := range r.MultipartForm.File["photo"] {
		f, err := fh.Open()
		if err != nil {
			writeProblem(w, err)
			return
		}
		data, err := io.ReadAll(f)
		f.Close()
		if err != nil {
			writeProblem(w, err)
			return
		}
		if !strings.HasPrefix(http.DetectContentType(data), "image/") {
			writeProblem(w, fmt.Errorf("%s bukan gambar.", fh.Filename))
			return
		}
		images = append(images, data)
	}
	caption := r.FormValue("caption")
	u := v.user(id)
	switch {
	case len(images) == 0:
		writeProblem(w, errors.New("Pilih satu gambar atau lebih."))
		return
	case len(images) == 1:
		u.SendPhotoData(images[0], caption)
	default:
		for len(images) > 0 {
			n := min(len(images), maxAlbum)
			u.SendAlbumData(images[:n], caption)
			images, caption = images[n:], ""
		}
	}
	writeJSON(w, struct{}{})
}

// press taps an inline button and answers with the bot's callback
// answer, which the page shows as a toast (or an alert).
func (v *View) press(w http.ResponseWriter, r *http.Request, id int64) {
	var in struct {
		Message int    `json:"message_id"`
		Data    string `json:"data"`
	}
	if !readJSON(w, r, &in) {
		return
	}
	_, qid, err := v.user(id).TryPress(in.Message, in.Data)
	if err != nil {
		writeProblem(w, errors.New("Tombol itu sudah tidak ada."))
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), pressWait)
	defer cancel()
	a, ok := v.srv.AwaitCallbackAnswer(ctx, qid)
	writeJSON(w, struct {
		Answered  bool   `json:"answered"`
		Text      string `json:"text"`
		ShowAlert bool   `json:"show_alert"`
	}{ok, a.Text, a.ShowAlert})
}

// serveFile sends a file of the fake: photos shown inline, documents as
// downloads under their name.
func (v *View) serveFile(w http.ResponseWriter, r *http.Request) {
	name, data, ok := v.srv.FileData(r.PathValue("id"))
	if !ok {
		http.NotFound(w, r)
		return
	}
	typ := http.DetectContentType(data)
	if byExt := mime.TypeByExtension(path.Ext(name)); byExt != "" && !strings.HasPrefix(typ, "image/") {
		typ = byExt
	}
	if r.URL.Query().Has("download") {
		w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	} else if !showable(typ, data) {
		// A photo the fake made up (tests send placeholders, not images).
		typ, data = "image/svg+xml", []byte(placeholderSVG)
	}
	w.Header().Set("Content-Type", typ)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "private, max-age=3600")
	_, _ = w.Write(data)
}

// showable reports whether a browser can show data as an image.
func showable(typ string, data []byte) bool {
	if typ == "image/webp" || typ == "image/bmp" {
		return true
	}
	_, _, err := image.DecodeConfig(bytes.NewReader(data))
	return err == nil
}

const placeholderSVG = `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="240" viewBox="0 0 320 240">` +
	`<rect width="320" height="240" fill="#cfd8dc"/><text x="160" y="128" font-family="sans-serif" font-size="20" ` +
	`text-anchor="middle" fill="#546e7a">foto</text></svg>`

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

// writeProblem answers 400 with a message for the person (Indonesian).
func writeProblem(w http.ResponseWriter, err error) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusBadRequest)
	_ = json.NewEncoder(w).Encode(struct {
		Error string `json:"error"`
	}{err.Error()})
}

// readJSON decodes a JSON body; requiring the JSON content type also
// makes a cross-site form post impossible without a preflight.
func readJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	if t, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); t != "application/json" {
		http.Error(w, "want application/json", http.StatusUnsupportedMediaType)
		return false
	}
	if err := json.NewDecoder(io.LimitReader(r.Body, 1<<20)).Decode(v); err != nil {
		writeProblem(w, errors.New("Permintaan tidak terbaca."))
		return false
	}
	return true
}
