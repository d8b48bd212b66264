package events

import (
	"context"
	"fmt"
	"html"

	"pilarbot/conversations"
	"pilarbot/handlers/kit"
	"pilarbot/handlers/parse"
)

// The invited pilar types and regions of /acara: two multi-selects that
// offer only what lies inside the coordinator's scope, where "Semua"
// means the scope itself. The store refuses an event aimed outside the
// scope once more when it is saved (the scope may change meanwhile).

// pilarPicks is the pilar multi-select.
func (h *Room) pilarPicks() kit.MultiSelect {
	return kit.MultiSelect{Key: keyEvPilar, Done: btnDone, All: btnAllPilar, Empty: errEvPickOne,
		Match: h.matchPilar,
		Everything: func(ctx context.Context, s *conversations.Session) (string, error) {
			scope, err := h.UserScope(ctx, s.Chat.UserID)
			return kit.ScopeAllPilars(scope), err
		},
	}
}

// regionPicks is the region multi-select: a "Kec. …" button or typed
// name chooses a kecamatan, any other name a kelurahan.
func (h *Room) regionPicks() kit.MultiSelect {
	return kit.MultiSelect{Key: keyEvWilayah, Done: btnDone, All: btnAllRegion, Empty: errEvPickOne,
		Match: h.matchRegion,
		Everything: func(ctx context.Context, s *conversations.Session) (string, error) {
			scope, err := h.UserScope(ctx, s.Chat.UserID)
			return kit.ScopeAllPlaces(scope), err
		},
	}
}

// askPilars asks for the invited pilar types inside the scope, showing
// those chosen so far.
func (h *Room) askPilars(ctx context.Context, s *conversations.Session) (conversations.Prompt, error) {
	scope, err := h.UserScope(ctx, s.Chat.UserID)
	if err != nil {
		return conversations.Prompt{}, err
	}
	labels := []string{btnAllPilar}
	for _, p := range kit.ScopePilars(scope) {
		labels = append(labels, p.Short)
	}
	labels = append(labels, btnDone)
	chosen := html.EscapeString(showChosen(s.Get(keyEvPilar), showPilars))
	text := fmt.Sprintf(askEvPilar, chosen)
	if len(scope.Pilars) > 0 {
		text = fmt.Sprintf(askEvPilarScoped, html.EscapeString(kit.PilarsLabel(scope)), chosen)
	}
	return conversations.Prompt{Text: text, Keyboard: conversations.Keyboard(2, labels...)}, nil
}

// askRegions asks for the invited regions inside the scope, showing those
// chosen so far. A city-wide coordinator gets the four kecamatan and types
// a kelurahan; a scoped one gets a button for each place of the scope.
func (h *Room) askRegions(ctx context.Context, s *conversations.Session) (conversations.Prompt, error) {
	scope, err := h.UserScope(ctx, s.Chat.UserID)
	if err != nil {
		return conversations.Prompt{}, err
	}
	labels := []string{btnAllRegion}
	for _, k := range kit.ScopeKecamatans(scope) {
		labels = append(labels, kecButtonPrefix+k.Name)
	}
	chosen := html.EscapeString(showChosen(s.Get(keyEvWilayah), showRegions))
	if len(scope.Kecamatans)+len(scope.Kelurahans) == 0 {
		labels = append(labels, btnDone)
		return conversations.Prompt{Text: fmt.Sprintf(askEvWilayah, chosen), Keyboard: conversations.Keyboard(1, labels...)}, nil
	}
	kb := conversations.Keyboard(1, labels...)
	var kels []string
	for _, k := range kit.ScopeKelurahans(scope) {
		kels = append(kels, k.Name)
	}
	kb.Keyboard = append(kb.Keyboard, conversations.Keyboard(3, kels...).Keyboard...)
	kb.Keyboard = append(kb.Keyboard, conversations.Keyboard(1, btnDone).Keyboard...)
	text := fmt.Sprintf(askEvWilayahScoped, html.EscapeString(kit.PlacesLabel(scope)), chosen)
	return conversations.Prompt{Text: text, Keyboard: kb}, nil
}

// showChosen shows a multi-select answer while it is collected: "" is
// nothing yet, "[]" is everything.
func showChosen(v string, show func([]string) string) string {
	if v == "" {
		return showNone
	}
	return show(kit.DecodePicks(v))
}

// matchPilar reads one pilar of the multi-select; one outside the scope
// is refused like a typo, with the scope named.
func (h *Room) matchPilar(ctx context.Context, s *conversations.Session, t string) (string, error) {
	code, err := kit.MatchPilar(t)
	if err != nil {
		return "", conversations.Invalidf(errEvPilarPick)
	}
	scope, err := h.UserScope(ctx, s.Chat.UserID)
	if err != nil {
		return "", err
	}
	if !kit.PilarInScope(code, scope) {
		return "", conversations.Invalidf(fmt.Sprintf(errEvOutsidePilar, kit.PilarShort(code), kit.PilarsLabel(scope)))
	}
	return code, nil
}

// matchRegion reads one kecamatan or kelurahan of the multi-select; one
// outside the scope is refused, with the scope named.
func (h *Room) matchRegion(ctx context.Context, s *conversations.Session, t string) (string, error) {
	code, err := parse.Place(t)
	if err != nil {
		return "", err
	}
	scope, err := h.UserScope(ctx, s.Chat.UserID)
	if err != nil {
		return "", err
	}
	if !kit.PlaceInScope(code, scope) {
		return "", conversations.Invalidf(fmt.Sprintf(errEvOutsidePlace, showRegions([]string{code}), kit.PlacesLabel(scope)))
	}
	return code, nil
}

// outsideScope is the problem of an event the store refused as aimed
// outside the scope: the scope changed while the flow waited, or the
// event is an old one of a wider scope. The summary comes back to fix it.
func (h *Room) outsideScope(ctx context.Context, userID int64) error {
	scope, err := h.UserScope(ctx, userID)
	if err != nil {
		return err
	}
	return conversations.Invalidf(fmt.Sprintf(errEvOutsideScope, kit.ScopeLabel(scope)))
}
