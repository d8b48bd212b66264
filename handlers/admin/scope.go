package admin

import (
	"context"
	"errors"
	"fmt"
	"html"
	"slices"
	"strconv"
	"strings"

	"pilarbot/conversations"
	"pilarbot/handlers/kit"
	"pilarbot/handlers/parse"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// A coordinator's scope is changed with "📍 Wilayah …" of /koordinator: a
// short flow that asks the places (the whole city, or kecamatan and
// kelurahan pressed one by one until Selesai), then the pilar types
// (every pilar, or some), and shows a summary with Simpan. It starts from
// the coordinator's current scope, so adding or taking away one place is
// one press. The flow's name and keys are in Redis while it runs: they
// must not change.
const (
	flowWilayah = "wilayah"

	keyWilPlaces = "tempat" // JSON list of kecamatan and kelurahan codes; "[]" = the whole city
	keyWilPilars = "pilar"  // JSON list of pilar codes; "[]" = every pilar
)

// wilayahFlow asks an admin for a coordinator's new scope; keyKoordID and
// keyKoordName are given when it starts.
func (h *Room) wilayahFlow() *conversations.Flow {
	places := kit.MultiSelect{Key: keyWilPlaces, Done: btnWilDone, All: btnWilCity, Empty: errWilPickOne,
		Match: func(_ context.Context, _ *conversations.Session, t string) (string, error) { return parse.Place(t) }}
	pilars := kit.MultiSelect{Key: keyWilPilars, Done: btnWilDone, All: btnWilAllPilar, Empty: errWilPickOne,
		Match: func(_ context.Context, _ *conversations.Session, t string) (string, error) { return kit.MatchPilar(t) }}
	return &conversations.Flow{
		Name:         flowWilayah,
		Entry:        "koordinator",
		Role:         domain.RoleAdmin,
		Title:        flowWilayahTitle,
		Confirm:      true,
		SummaryTitle: summaryWilayah,
		Steps: []conversations.Step{
			{Key: keyWilPlaces, Label: labelWilPlaces, Ask: askPlaces,
				Accept: conversations.TextAnswer(places.Accept), Show: showPlaces},
			{Key: keyWilPilars, Label: labelWilPilars, Ask: askPilars,
				Accept: conversations.TextAnswer(pilars.Accept), Show: showPilars},
		},
		Finish: func(ctx context.Context, s *conversations.Session) (string, error) {
			// Admins come from the configuration, which a restart can change.
			if !h.Admins[s.Chat.UserID] {
				return kit.MsgOnlyAdmin, nil
			}
			id, err := strconv.ParseInt(s.Get(keyKoordID), 10, 64)
			if err != nil {
				return "", fmt.Errorf("admin: bad id in scope flow: %w", err)
			}
			g := storage.RegionsSegment(kit.DecodePicks(s.Get(keyWilPilars)), kit.DecodePicks(s.Get(keyWilPlaces)))
			return h.setScope(ctx, s.Chat.UserID, id, g)
		},
	}
}

// askPlaces offers the whole city, the four kecamatan and the 34
// kelurahan, with what is chosen so far.
func askPlaces(_ context.Context, s *conversations.Session) (conversations.Prompt, error) {
	labels := []string{btnWilCity, btnWilDone}
	for _, k := range domain.Kecamatans() {
		labels = append(labels, kecButton+k.Name)
	}
	kb := conversations.Keyboard(2, labels...)
	var kels []string
	for _, k := range domain.AllKelurahan() {
		kels = append(kels, k.Name)
	}
	kb.Keyboard = append(kb.Keyboard, conversations.Keyboard(3, kels...).Keyboard...)
	kb.ResizeKeyboard = true
	name := html.EscapeString(kit.NameOrID(koordID(s), s.Get(keyKoordName)))
	return conversations.Prompt{Text: fmt.Sprintf(askWilPlaces, name, html.EscapeString(showPlaces(s, s.Get(keyWilPlaces)))), Keyboard: kb}, nil
}

// askPilars offers every pilar or some, with what is chosen so far.
func askPilars(_ context.Context, s *conversations.Session) (conversations.Prompt, error) {
	labels := []string{btnWilAllPilar, btnWilDone}
	for _, p := range domain.Pilars() {
		labels = append(labels, p.Short)
	}
	name := html.EscapeString(kit.NameOrID(koordID(s), s.Get(keyKoordName)))
	text := fmt.Sprintf(askWilPilars, name, html.EscapeString(showPilars(s, s.Get(keyWilPilars))))
	return conversations.Prompt{Text: text, Keyboard: conversations.Keyboard(2, labels...)}, nil
}

// showPlaces and showPilars name an answer of the flow in the scope's
// words; "" is nothing chosen yet.
func showPlaces(_ *conversations.Session, v string) string {
	if v == "" {
		return showWilNone
	}
	return kit.PlacesLabel(storage.RegionsSegment(nil, kit.DecodePicks(v)))
}

func showPilars(_ *conversations.Session, v string) string {
	if v == "" {
		return showWilNone
	}
	return kit.PilarsLabel(storage.Segment{Pilars: kit.DecodePicks(v)})
}

// koordID is the coordinator the flow is about.
func koordID(s *conversations.Session) int64 {
	id, _ := strconv.ParseInt(s.Get(keyKoordID), 10, 64)
	return id
}

// startScope opens the flow for coordinator id from its current scope,
// whether the admin pressed "📍 Wilayah …" or typed "/koordinator wilayah
// <id>". The configured admins are city-wide and cannot be scoped.
func (h *Room) startScope(ctx context.Context, r *kit.Request, id int64) error {
	if h.Admins[id] {
		return h.Reply(ctx, r, msgScopeAdmin)
	}
	c, err := h.Store.CoordinatorByID(ctx, id)
	if errors.Is(err, storage.ErrNotFound) {
		return h.Replyf(ctx, r, msgKoordNotFound, id)
	}
	if err != nil {
		return err
	}
	g, err := c.Scope()
	if err != nil {
		return err
	}
	return h.Engine.Start(ctx, r.Chat, flowWilayah, map[string]string{
		keyKoordID:   strconv.FormatInt(id, 10),
		keyKoordName: c.Name,
		keyWilPlaces: kit.EncodePicks(g.Regions()),
		keyWilPilars: kit.EncodePicks(g.Pilars),
	})
}

// setScope gives coordinator id the scope g on behalf of the admin by
// (audited by the store) and tells the coordinator their new area. A
// kelurahan inside a chosen kecamatan adds nothing and is dropped.
func (h *Room) setScope(ctx context.Context, by, id int64, g storage.Scope) (string, error) {
	if h.Admins[id] {
		return msgScopeAdmin, nil
	}
	g = tidyScope(g)
	c, err := h.Store.CoordinatorByID(ctx, id)
	if err == nil {
		err = h.Store.SetCoordinatorScope(ctx, id, g, by)
	}
	if errors.Is(err, storage.ErrNotFound) {
		return fmt.Sprintf(msgKoordNotFound, id), nil
	}
	if err != nil {
		return "", err
	}
	name, area := html.EscapeString(kit.NameOrID(id, c.Name)), html.EscapeString(kit.ScopeLabel(g))
	if old, err := c.Scope(); err == nil && sameScope(old, g) {
		return fmt.Sprintf(msgScopeSame, name, area), nil
	}
	h.Log.Info("coordinator scope changed", "coordinator_id", id, "by", by)
	text := fmt.Sprintf(msgScopeSet, name, area)
	if err := h.SendHTML(ctx, id, fmt.Sprintf(msgYourScope, area), nil); err != nil {
		h.Log.Info("telling the coordinator of their scope failed", "chat_id", id, "error", err)
		return text, nil
	}
	return text + msgScopeTold, nil
}

// tidyScope sorts the places in the city's order (their codes) and drops
// a kelurahan whose kecamatan is in the scope too.
func tidyScope(g storage.Scope) storage.Scope {
	g.Kecamatans = slices.Compact(slices.Sorted(slices.Values(g.Kecamatans)))
	g.Kelurahans = slices.Compact(slices.Sorted(slices.Values(g.Kelurahans)))
	g.Kelurahans = slices.DeleteFunc(g.Kelurahans, func(code string) bool {
		k, ok := domain.KelurahanByCode(code)
		return ok && slices.Contains(g.Kecamatans, k.KecamatanCode)
	})
	return g
}

// sameScope reports whether a and b are the same scope.
func sameScope(a, b storage.Scope) bool {
	return slices.Equal(a.Pilars, b.Pilars) && slices.Equal(a.Kecamatans, b.Kecamatans) && slices.Equal(a.Kelurahans, b.Kelurahans)
}

// typedScope answers "/koordinator wilayah <id>" with the flow, and
// "/koordinator wilayah <id> Kec. Bugul Kidul, Mayangan, PSM" by setting
// the scope at once: comma-separated kecamatan ("Kec. …"), kelurahan and
// pilar types, "seluruh kota" for no limit of place.
func (h *Room) typedScope(ctx context.Context, r *kit.Request, arg string) error {
	idText, rest, _ := strings.Cut(strings.TrimSpace(arg), " ")
	id, err := strconv.ParseInt(idText, 10, 64)
	if err != nil || id <= 0 {
		return h.Reply(ctx, r, msgKoordUsage)
	}
	if strings.TrimSpace(rest) == "" {
		return h.startScope(ctx, r, id)
	}
	g, bad, ok := parseScope(rest)
	if bad != "" {
		return h.Replyf(ctx, r, errWilTyped, html.EscapeString(bad))
	}
	if !ok {
		return h.Reply(ctx, r, msgKoordUsage)
	}
	text, err := h.setScope(ctx, r.From.ID, id, g)
	if err != nil {
		return err
	}
	return h.Reply(ctx, r, text)
}

// parseScope reads a typed scope. It returns the first item it cannot
// read, and whether there was any item at all.
func parseScope(s string) (g storage.Scope, bad string, ok bool) {
	var pilars, places []string
	for _, item := range strings.Split(s, ",") {
		item = strings.TrimSpace(item)
		switch kit.NormalizeChoice(item) {
		case "":
			continue
		case "kota", "seluruh kota", "semua pilar":
			ok = true
			continue
		}
		ok = true
		if p, err := kit.MatchPilar(item); err == nil {
			if !slices.Contains(pilars, p) {
				pilars = append(pilars, p)
			}
			continue
		}
		code, err := parse.Place(item)
		if err != nil {
			return storage.Scope{}, item, ok
		}
		places = append(places, code)
	}
	return storage.RegionsSegment(pilars, places), "", ok
}
