// Package playground is a web page onto the fake Bot API of
// bot/telegramtest: a list of people and two chat panes in which a person
// types, taps buttons, shares a phone number or a location and sends
// photos, as in Telegram, while the real bot answers through the fake.
// The page is a view of the fake and holds no chat state of its own: it
// reads the fake's snapshots and sends through the fake's users, so what
// it shows is exactly what the end-to-end tests check.
//
// The page and its script are embedded; updates reach the page as
// Server-Sent Events (see events.go for why).
package playground

import (
	"embed"
	"errors"
	"io/fs"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"pilarbot/bot/telegramtest"
)

//go:embed static
var static embed.FS

// Person is someone the page can chat as.
type Person struct {
	ID    int64  `json:"id"`
	Name  string `json:"name"`
	Phone string `json:"phone,omitempty"` // shared by "Bagikan nomor", digits with the country code
	Role  string `json:"role,omitempty"`  // a label for the list, e.g. "Admin"
}

// Place is a point the location picker offers.
type Place struct {
	Name  string  `json:"name"`
	Group string  `json:"group"` // e.g. the kecamatan
	Lat   float64 `json:"lat"`
	Lon   float64 `json:"lon"`
}

// Options configure a View.
type Options struct {
	// Admin is the first person of the list, the bot's admin.
	Admin Person
	// Places are the known points of the location picker.
	Places []Place
	// Outside is a point outside the bot's area, to see it refused.
	Outside Place
	// FirstID is the Telegram id of the first person created on the page
	// when no person has a higher one.
	FirstID int64
}

// View serves the page for one fake server.
type View struct {
	srv  *telegramtest.Server
	opts Options

	mu      sync.Mutex
	people  []Person
	users   map[int64]*telegramtest.User
	nextID  int64
	changed chan struct{} // closed and replaced when people change
}

// New returns the view of srv with the admin as its first person.
func New(srv *telegramtest.Server, opts Options) (*View, error) {
	v := &View{srv: srv, opts: opts, users: map[int64]*telegramtest.User{},
		nextID: max(opts.FirstID, 1), changed: make(chan struct{})}
	if err := v.AddPerson(opts.Admin); err != nil {
		return nil, err
	}
	return v, nil
}

// AddPerson adds someone who already exists for the bot (a volunteer in
// its database) with a private chat in the fake.
func (v *View) AddPerson(p Person) error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if p.ID <= 0 || v.users[p.ID] != nil {
		return errors.New("playground: a person needs a new positive id")
	}
	p.Phone = phoneDigits(p.Phone, p.ID)
	v.users[p.ID] = v.srv.NewUser(p.ID, p.Name)
	v.people = append(v.people, p)
	v.nextID = max(v.nextID, p.ID+1)
	close(v.changed)
	v.changed = make(chan struct{})
	return nil
}

// create adds a new person typed on the page.
func (v *View) create(name, phone string) (Person, error) {
	name = strings.Join(strings.Fields(name), " ")
	if name == "" || utf8.RuneCountInString(name) > 64 {
		return Person{}, errors.New("Nama wajib diisi (paling banyak 64 huruf).")
	}
	if phone != "" && !validPhone(phone) {
		return Person{}, errors.New("Nomor HP tidak dikenali. Contoh: 0812-3456-7890.")
	}
	v.mu.Lock()
	id := v.nextID
	v.mu.Unlock()
	p := Person{ID: id, Name: name, Phone: phone, Role: "Relawan baru"}
	if err := v.AddPerson(p); err != nil {
		return Person{}, err
	}
	// The newest first after the admin, above the database's volunteers.
	v.mu.Lock()
	last := v.people[len(v.people)-1]
	copy(v.people[2:], v.people[1:len(v.people)-1])
	v.people[1] = last
	v.mu.Unlock()
	return v.person(id)
}

// person returns the person with id.
func (v *View) person(id int64) (Person, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	i := slices.IndexFunc(v.people, func(p Person) bool { return p.ID == id })
	if i < 0 {
		return Person{}, errNoPerson
	}
	return v.people[i], nil
}

var errNoPerson = errors.New("Orang itu tidak ada di daftar.")

// user returns the fake's user of a person.
func (v *View) user(id int64) *telegramtest.User {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.users[id]
}

// snapshotPeople returns the list and the channel closed at its change.
func (v *View) snapshotPeople() ([]Person, <-chan struct{}) {
	v.mu.Lock()
	defer v.mu.Unlock()
	return slices.Clone(v.people), v.changed
}

// Handler returns the page and its API.
func (v *View) Handler() http.Handler {
	mux := http.NewServeMux()
	sub, _ := fs.Sub(static, "static")
	mux.Handle("GET /", http.FileServerFS(sub))
	mux.HandleFunc("GET /api/config", v.serveConfig)
	mux.HandleFunc("GET /api/people", v.servePeople)
	mux.HandleFunc("POST /api/people", v.createPerson)
	mux.HandleFunc("GET /api/events", v.serveEvents)
	mux.HandleFunc("GET /api/chats/{id}", v.serveChat)
	mux.HandleFunc("POST /api/chats/{id}/{action}", v.send)
	mux.HandleFunc("GET /api/files/{id}", v.serveFile)
	return sameOrigin(mux)
}

// sameOrigin refuses requests another site's page makes to this one (the
// page listens on loopback, which any web page can reach from the
// browser): a cross-site Origin or a Host that is not the page's own.
func sameOrigin(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if o := r.Header.Get("Origin"); o != "" && o != "http://"+r.Host {
			http.Error(w, "cross-origin request refused", http.StatusForbidden)
			return
		}
		if r.Method != http.MethodGet && r.Header.Get("Sec-Fetch-Site") == "cross-site" {
			http.Error(w, "cross-site request refused", http.StatusForbidden)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// pathID reads the {id} of a chat path.
func pathID(r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return id, err == nil && id > 0
}
