// Command faketelegram runs the in-repo fake Bot API server on a fixed
// address and lets a person chat with the bot from a terminal, as a
// volunteer would from Telegram.
//
//	go run ./bot/telegramtest/faketelegram                 # terminal 1
//	TELEGRAM_API_ENDPOINT='http://127.0.0.1:8081/bot%s/%s' \
//	TELEGRAM_BOT_TOKEN=123456:TEST-TOKEN ADMIN_IDS=1001 go run .   # terminal 2
//
// Lines typed are sent as the current user; lines starting with ":" are
// actions (":bantu" lists them).
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"pilarbot/bot/telegramtest"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8081", "address to listen on")
	userID := flag.Int64("user", 1001, "Telegram id of the first user")
	name := flag.String("name", "Budi", "first name of the first user")
	flag.Parse()
	if err := run(os.Stdin, os.Stdout, *addr, *userID, *name); err != nil {
		fmt.Fprintln(os.Stderr, "faketelegram:", err)
		os.Exit(1)
	}
}

// reporter lets the fake, written for tests, run in a program.
type reporter struct{ cleanups []func() }

func (r *reporter) Helper() {}
func (r *reporter) Fatalf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "faketelegram: "+format+"\n", args...)
	os.Exit(1)
}
func (r *reporter) Cleanup(f func()) { r.cleanups = append(r.cleanups, f) }

func run(in io.Reader, out io.Writer, addr string, userID int64, name string) error {
	rep := &reporter{}
	srv := telegramtest.New(rep, telegramtest.Options{Addr: addr, WaitTimeout: time.Hour})
	defer func() {
		for _, f := range rep.cleanups {
			f()
		}
	}()
	fmt.Fprintf(out, "Fake Telegram Bot API on %s (token %s). Start the bot with:\n", srv.URL, srv.Token)
	fmt.Fprintf(out, "  TELEGRAM_API_ENDPOINT='%s' TELEGRAM_BOT_TOKEN=%s ADMIN_IDS=%d go run .\n", srv.Endpoint(), srv.Token, userID)
	fmt.Fprintln(out, `Type a message and Enter to send it as the user; ":bantu" lists actions.`)

	var mu sync.Mutex
	users := map[int64]*telegramtest.User{}
	cur := srv.NewUser(userID, name)
	users[userID] = cur
	seen := map[int64]map[int]int{} // chat → message id → edits printed

	go func() {
		for {
			time.Sleep(100 * time.Millisecond)
			mu.Lock()
			for id, u := range users {
				if seen[id] == nil {
					seen[id] = map[int]int{}
				}
				for _, m := range u.Messages() {
					edits, ok := seen[id][m.ID]
					if ok && edits == m.Edits {
						continue
					}
					seen[id][m.ID] = m.Edits
					printMessage(out, u, m, ok)
				}
			}
			mu.Unlock()
		}
	}()

	sc := bufio.NewScanner(in)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		mu.Lock()
		u := cur
		mu.Unlock()
		if !strings.HasPrefix(line, ":") {
			u.SendText(line)
			continue
		}
		cmd, arg, _ := strings.Cut(line[1:], " ")
		switch cmd {
		case "keluar", "quit":
			return nil
		case "tekan":
			pressButton(out, u, arg)
		case "kontak":
			u.SendContact("6281234567890", true)
		case "lokasi":
			var lat, lon float64
			if _, err := fmt.Sscan(arg, &lat, &lon); err != nil {
				fmt.Fprintln(out, "! contoh: :lokasi -7.6453 112.9075")
				continue
			}
			u.SendLocation(lat, lon)
		case "foto":
			u.SendPhoto(arg)
		case "album":
			n, _ := strconv.Atoi(arg)
			u.SendAlbum(max(n, 2))
		case "stiker":
			u.SendSticker()
		case "sebagai":
			idText, newName, _ := strings.Cut(arg, " ")
			id, err := strconv.ParseInt(idText, 10, 64)
			if err != nil {
				fmt.Fprintln(out, "! contoh: :sebagai 1002 Siti")
				continue
			}
			mu.Lock()
			if users[id] == nil {
				users[id] = srv.NewUser(id, or(newName, "Pengguna"))
			}
			cur = users[id]
			mu.Unlock()
			fmt.Fprintf(out, "— now typing as user %d\n", id)
		default:
			fmt.Fprintln(out, `actions: :tekan LABEL (press an inline button), :kontak (share own phone), :lokasi LAT LON,
         :foto [caption], :album N, :stiker, :sebagai ID NAME (switch user), :keluar`)
		}
	}
	return sc.Err()
}

// pressButton presses the inline button with that label on the newest bot
// message that shows it.
func pressButton(out io.Writer, u *telegramtest.User, label string) {
	msgs := u.Messages()
	for i := len(msgs) - 1; i >= 0; i-- {
		m := u.Message(msgs[i].ID)
		for _, row := range m.Buttons() {
			for _, b := range row {
				if strings.EqualFold(strings.TrimSpace(b), strings.TrimSpace(label)) || strings.Contains(strings.ToLower(b), strings.ToLower(label)) {
					u.Press(m, m.CallbackData(b))
					return
				}
			}
		}
	}
	fmt.Fprintf(out, "! no button %q on the bot's messages\n", label)
}

func printMessage(out io.Writer, u *telegramtest.User, m *telegramtest.Message, edited bool) {
	head := fmt.Sprintf("[bot → %s]", u.FirstName)
	if edited {
		head = fmt.Sprintf("[bot edited #%d → %s]", m.ID, u.FirstName)
	}
	body := m.Plain
	if m.PhotoFileID != "" {
		body = "(foto) " + body
	}
	fmt.Fprintf(out, "%s %s\n", head, strings.ReplaceAll(body, "\n", "\n    "))
	if b := m.Buttons(); len(b) > 0 {
		fmt.Fprintf(out, "    buttons: %v\n", b)
	}
	if k := m.Keyboard(); len(k) > 0 {
		fmt.Fprintf(out, "    keyboard: %v\n", k)
	}
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
