package conversations

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/redis/go-redis/v9"

	"pilarbot/bot"
)

// recorder is a Sender that keeps what the engine sent.
type recorder struct {
	mu    sync.Mutex
	sent  []tgbotapi.MessageConfig
	edits int
	next  int
}

func (r *recorder) Send(_ context.Context, c tgbotapi.Chattable) (tgbotapi.Message, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	m, ok := c.(tgbotapi.MessageConfig)
	if !ok {
		return tgbotapi.Message{}, fmt.Errorf("unexpected %T", c)
	}
	r.sent = append(r.sent, m)
	r.next++
	return tgbotapi.Message{MessageID: r.next}, nil
}

func (r *recorder) Request(_ context.Context, c tgbotapi.Chattable) (json.RawMessage, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.edits++
	return json.RawMessage(`true`), nil
}

func (r *recorder) last(t *testing.T) tgbotapi.MessageConfig {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.sent) == 0 {
		t.Fatal("nothing sent")
	}
	return r.sent[len(r.sent)-1]
}

func (r *recorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.sent)
}

// testEngine returns an engine on real Redis with a key prefix of its own.
func testEngine(t *testing.T) (*Engine, *recorder, *time.Time) {
	e, rec, now, _ := testEngineRedis(t)
	return e, rec, now
}

func testEngineRedis(t *testing.T) (*Engine, *recorder, *time.Time, *redis.Client) {
	t.Helper()
	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:6379"})
	if err := rdb.Ping(context.Background()).Err(); err != nil {
		t.Fatalf("Redis is needed on 127.0.0.1:6379: %v", err)
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	prefix := "test:conv:" + hex.EncodeToString(b) + ":"
	t.Cleanup(func() {
		ctx := context.Background()
		keys, _ := rdb.Keys(ctx, prefix+"*").Result()
		if len(keys) > 0 {
			rdb.Del(ctx, keys...)
		}
		rdb.Close()
	})
	rec := &recorder{}
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	e := NewEngine(NewStore(rdb, bot.NewRedisBatch(rdb), prefix, time.Hour), rec, time.Hour)
	e.Now = func() time.Time { return now }
	return e, rec, &now, rdb
}

// testFlow collects a colour (a choice), photos (several answers) and a
// note that only blue asks for, then saves into saved.
func testFlow(saved *[]map[string]string) *Flow {
	choice := func(_ context.Context, _ *Session, t string) (string, error) {
		if t != "merah" && t != "biru" {
			return "", Invalidf("Pilih merah atau biru.")
		}
		return t, nil
	}
	return &Flow{
		Name: "uji", Title: "uji coba", Entry: "uji", Confirm: true, SummaryTitle: "Ringkasan",
		Steps: []Step{
			{Key: "warna", Label: "Warna", Ask: ask("Warna?"), Accept: TextAnswer(choice)},
			{Key: "catatan", Label: "Catatan", Dependent: true, Ask: ask("Catatan?"),
				Skip:   func(s *Session) bool { return s.Get("warna") != "biru" },
				Accept: TextAnswer(func(_ context.Context, _ *Session, t string) (string, error) { return t, nil })},
			{Key: "foto", Label: "Foto", Ask: ask("Foto?"), Accept: func(_ context.Context, s *Session, m *tgbotapi.Message) (string, error) {
				if m.Text == "Selesai" {
					return s.Get("foto"), nil
				}
				if m.Photo == nil {
					return "", Invalidf("Kirim foto atau Selesai.")
				}
				list := s.Get("foto") + m.Photo[0].FileID + ","
				if m.MediaGroupID != "" && strings.Contains(s.Get("_groups"), m.MediaGroupID) {
					return list, MoreQuietly
				}
				s.Set("_groups", s.Get("_groups")+m.MediaGroupID)
				return list, More
			}},
		},
		Finish: func(_ context.Context, s *Session) (string, error) {
			*saved = append(*saved, s.State.Answers)
			return "Tersimpan, terima kasih.", nil
		},
	}
}

func ask(text string) func(context.Context, *Session) (Prompt, error) {
	return func(context.Context, *Session) (Prompt, error) { return Prompt{Text: text}, nil }
}

func text(s string) *tgbotapi.Message { return &tgbotapi.Message{Text: s} }

func photo(id, group string) *tgbotapi.Message {
	return &tgbotapi.Message{Photo: []tgbotapi.PhotoSize{{FileID: id}}, MediaGroupID: group}
}

var chat = Chat{UserID: 77, ChatID: 77}

// answer applies a message to the active flow with a fresh update id.
func answer(t *testing.T, e *Engine, upd *int, m *tgbotapi.Message) {
	t.Helper()
	st, f, err := e.Active(context.Background(), chat.UserID)
	if err != nil {
		t.Fatalf("no active flow: %v", err)
	}
	*upd++
	if err := e.Handle(context.Background(), chat, st, f, *upd, m); err != nil {
		t.Fatal(err)
	}
}

func pressButton(t *testing.T, e *Engine, upd *int, m tgbotapi.MessageConfig, label string) string {
	t.Helper()
	kb, ok := m.ReplyMarkup.(tgbotapi.InlineKeyboardMarkup)
	if !ok {
		t.Fatalf("message %q has no inline keyboard", m.Text)
	}
	for _, row := range kb.InlineKeyboard {
		for _, b := range row {
			if b.Text == label {
				*upd++
				ans, err := e.Callback(context.Background(), chat, *upd, &tgbotapi.CallbackQuery{Data: *b.CallbackData,
					Message: &tgbotapi.Message{MessageID: 1, Chat: &tgbotapi.Chat{ID: chat.ChatID}}})
				if err != nil {
					t.Fatal(err)
				}
				return ans
			}
		}
	}
	t.Fatalf("no button %q", label)
	return ""
}

func TestEngineCollectsSkipsAndSaves(t *testing.T) {
	e, rec, _ := testEngine(t)
	var saved []map[string]string
	if err := e.Register(testFlow(&saved)); err != nil {
		t.Fatal(err)
	}
	upd := 0
	if err := e.Start(context.Background(), chat, "uji", nil); err != nil {
		t.Fatal(err)
	}
	answer(t, e, &upd, text("hijau"))
	if got := rec.last(t).Text; !strings.Contains(got, "Pilih merah atau biru.") || !strings.Contains(got, "Warna?") {
		t.Fatalf("wrong answer reply = %q", got)
	}
	answer(t, e, &upd, text("merah")) // catatan is skipped for merah
	if got := rec.last(t).Text; got != "Foto?" {
		t.Fatalf("after merah: %q", got)
	}
	answer(t, e, &upd, photo("a", ""))
	n := rec.count()
	answer(t, e, &upd, photo("b", "album1"))
	answer(t, e, &upd, photo("c", "album1")) // same album: quiet
	answer(t, e, &upd, photo("d", "album1"))
	if got := rec.count() - n; got != 1 {
		t.Fatalf("an album of three got %d replies, want 1", got)
	}
	answer(t, e, &upd, text("Selesai"))
	sum := rec.last(t)
	if !strings.Contains(sum.Text, "Foto: <b>a,b,c,d,</b>") || strings.Contains(sum.Text, "Catatan") {
		t.Fatalf("summary = %q", sum.Text)
	}

	// Ubah → Warna → biru: the dependent Catatan is asked, then the summary.
	pressButton(t, e, &upd, sum, btnEdit)
	st, _, _ := e.Active(context.Background(), chat.UserID)
	var menu tgbotapi.MessageConfig
	menu.ReplyMarkup = e.fieldMenu(context.Background(), e.Flow("uji"), &Session{Chat: chat, State: st})
	pressButton(t, e, &upd, menu, "Warna")
	answer(t, e, &upd, text("biru"))
	if got := rec.last(t).Text; got != "Catatan?" {
		t.Fatalf("after changing warna to biru: %q, want the dependent step", got)
	}
	answer(t, e, &upd, text("langit <cerah> & biru"))
	sum = rec.last(t)
	if !strings.Contains(sum.Text, "Catatan: <b>langit &lt;cerah&gt; &amp; biru</b>") {
		t.Fatalf("summary is not escaped: %q", sum.Text)
	}

	// Simpan twice: saved once, the second press is stale.
	if ans := pressButton(t, e, &upd, sum, btnSave); ans != answerSaved {
		t.Fatalf("first Simpan answered %q", ans)
	}
	if ans := pressButton(t, e, &upd, sum, btnSave); ans != msgButtonExpired {
		t.Fatalf("second Simpan answered %q", ans)
	}
	if len(saved) != 1 || saved[0]["warna"] != "biru" || saved[0]["foto"] != "a,b,c,d," {
		t.Fatalf("saved = %v", saved)
	}
	if _, _, err := e.Active(context.Background(), chat.UserID); !errors.Is(err, ErrNoFlow) {
		t.Fatalf("state left after saving: %v", err)
	}
}

func TestEngineIgnoresReplayedUpdates(t *testing.T) {
	e, rec, _ := testEngine(t)
	var saved []map[string]string
	if err := e.Register(testFlow(&saved)); err != nil {
		t.Fatal(err)
	}
	if err := e.Start(context.Background(), chat, "uji", nil); err != nil {
		t.Fatal(err)
	}
	st, f, _ := e.Active(context.Background(), chat.UserID)
	if err := e.Handle(context.Background(), chat, st, f, 10, text("merah")); err != nil {
		t.Fatal(err)
	}
	n := rec.count()
	// The same update again must not answer the next question.
	st, f, _ = e.Active(context.Background(), chat.UserID)
	if err := e.Handle(context.Background(), chat, st, f, 10, text("merah")); err != nil {
		t.Fatal(err)
	}
	if rec.count() != n || st.Step != "foto" {
		t.Fatalf("a replayed update was applied: step %q, %d new messages", st.Step, rec.count()-n)
	}
}

func TestEngineExpiresIdleFlows(t *testing.T) {
	e, _, now := testEngine(t)
	var saved []map[string]string
	if err := e.Register(testFlow(&saved)); err != nil {
		t.Fatal(err)
	}
	if err := e.Start(context.Background(), chat, "uji", nil); err != nil {
		t.Fatal(err)
	}
	*now = now.Add(59 * time.Minute)
	if _, _, err := e.Active(context.Background(), chat.UserID); err != nil {
		t.Fatalf("flow expired early: %v", err)
	}
	*now = now.Add(2 * time.Hour)
	var exp *ExpiredError
	if _, _, err := e.Active(context.Background(), chat.UserID); !errors.As(err, &exp) || exp.Flow.Name != "uji" {
		t.Fatalf("err = %v, want the expired flow", err)
	}
	if _, _, err := e.Active(context.Background(), chat.UserID); !errors.Is(err, ErrNoFlow) {
		t.Fatalf("after the expiry was reported: %v", err)
	}
}

func TestEngineRefusesButtonsOfOtherFlows(t *testing.T) {
	e, _, _ := testEngine(t)
	var saved []map[string]string
	if err := e.Register(testFlow(&saved)); err != nil {
		t.Fatal(err)
	}
	if err := e.Start(context.Background(), chat, "uji", nil); err != nil {
		t.Fatal(err)
	}
	for _, data := range []string{"cv:zzzzzz:s", "cv", "cv::", "cv:abc:f:99", "xx:1:s"} {
		ans, err := e.Callback(context.Background(), chat, 0, &tgbotapi.CallbackQuery{Data: data})
		if err != nil || ans != msgButtonExpired {
			t.Errorf("%q answered %q, %v", data, ans, err)
		}
	}
	if len(saved) != 0 {
		t.Fatalf("a forged button saved the flow")
	}
}

// TestStateWithPersonalDataLivesOnlyAsLongAsTheFlow: the state (which may
// hold a NIK) expires in Redis with the flow; a marker without answers
// remains to tell the user the flow expired.
func TestStateWithPersonalDataLivesOnlyAsLongAsTheFlow(t *testing.T) {
	e, _, _, rdb := testEngineRedis(t)
	var saved []map[string]string
	if err := e.Register(testFlow(&saved)); err != nil {
		t.Fatal(err)
	}
	if err := e.Start(context.Background(), chat, "uji", map[string]string{"nik": "3575044101900001"}); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	key := e.store.key(chat.UserID)
	if ttl := rdb.TTL(ctx, key).Val(); ttl <= 0 || ttl > 2*time.Hour {
		t.Fatalf("state TTL = %v, want about the idle time (1h) plus slack", ttl)
	}
	marker := rdb.Get(ctx, e.store.markerKey(chat.UserID)).Val()
	if marker != "uji" {
		t.Fatalf("marker = %q, want only the flow name", marker)
	}
	rdb.Del(ctx, key) // Redis expired the state
	var exp *ExpiredError
	if _, _, err := e.Active(ctx, chat.UserID); !errors.As(err, &exp) || exp.Flow.Name != "uji" {
		t.Fatalf("after the state expired: %v, want the expiry reported", err)
	}
	if _, _, err := e.Active(ctx, chat.UserID); !errors.Is(err, ErrNoFlow) {
		t.Fatalf("the expiry was reported twice: %v", err)
	}
}

func TestExpiredFlowButtonSaysSo(t *testing.T) {
	e, _, now := testEngine(t)
	var saved []map[string]string
	if err := e.Register(testFlow(&saved)); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := e.Start(ctx, chat, "uji", map[string]string{"warna": "merah", "foto": "a,"}); err != nil {
		t.Fatal(err)
	}
	st, _, _ := e.Active(ctx, chat.UserID)
	*now = now.Add(2 * time.Hour)
	ans, err := e.Callback(ctx, chat, 0, &tgbotapi.CallbackQuery{Data: "cv:" + st.ID + ":s"})
	if err != nil || !strings.Contains(ans, "sudah berakhir") || len(saved) != 0 {
		t.Fatalf("Simpan on an expired flow answered %q, %v; saved %v", ans, err, saved)
	}
}

// TestRegisterRefuses checks that a flow the router could not send users
// back to stops the bot at start-up instead of pointing them to a wrong
// command.
func TestRegisterRefuses(t *testing.T) {
	e := NewEngine(nil, nil, time.Hour)
	var saved []map[string]string
	noEntry := testFlow(&saved)
	noEntry.Entry = ""
	if err := e.Register(noEntry); err == nil || !strings.Contains(err.Error(), "entry") {
		t.Fatalf("flow without entry: %v", err)
	}
	if err := e.Register(testFlow(&saved)); err != nil {
		t.Fatal(err)
	}
	if err := e.Register(testFlow(&saved)); err == nil || !strings.Contains(err.Error(), "twice") {
		t.Fatalf("duplicate flow: %v", err)
	}
	if got := len(e.Flows()); got != 1 {
		t.Fatalf("%d flows registered, want 1", got)
	}
}
