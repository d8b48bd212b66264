package telegramtest

import (
	"fmt"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// chat is the fake's state of one chat. Guarded by Server.mu.
type chat struct {
	info     tgbotapi.Chat
	blocked  bool
	nextID   int
	botMsgs  []*Message                // in send order, deleted ones included
	byID     map[int]*Message          // the bot's messages
	userMsgs map[int]*tgbotapi.Message // messages users sent
	flood    chatFlood
}

func (c *chat) isGroup() bool { return c.info.Type == "group" || c.info.Type == "supergroup" }

// newMessageID returns the next message id of the chat.
func (c *chat) newMessageID() int {
	c.nextID++
	return c.nextID
}

// addChat registers a chat; a duplicate id fails the test.
func (s *Server) addChat(info tgbotapi.Chat) {
	s.tb.Helper()
	s.mu.Lock()
	_, dup := s.chats[info.ID]
	if !dup {
		s.chats[info.ID] = &chat{
			info:     info,
			byID:     make(map[int]*Message),
			userMsgs: make(map[int]*tgbotapi.Message),
		}
	}
	s.mu.Unlock()
	if dup {
		s.tb.Fatalf("telegramtest: chat %d already exists", info.ID)
	}
}

// chatView is what users and groups share: reading the bot's messages in
// one chat and waiting for new ones.
type chatView struct {
	srv    *Server
	chatID int64
	cursor int // guarded by srv.mu
}

// Messages returns snapshots of the bot's messages in this chat, in send
// order, deleted ones included (with Deleted set).
func (v *chatView) Messages() []*Message {
	v.srv.mu.Lock()
	defer v.srv.mu.Unlock()
	return v.snapshot()
}

func (v *chatView) snapshot() []*Message {
	c := v.srv.chats[v.chatID]
	out := make([]*Message, len(c.botMsgs))
	for i, m := range c.botMsgs {
		out[i] = m.clone()
	}
	return out
}

// Message returns the current state of the bot's message id in this chat,
// or nil.
func (v *chatView) Message(id int) *Message {
	v.srv.mu.Lock()
	defer v.srv.mu.Unlock()
	if m := v.srv.chats[v.chatID].byID[id]; m != nil {
		return m.clone()
	}
	return nil
}

// Last returns the bot's latest message in this chat, or nil.
func (v *chatView) Last() *Message {
	v.srv.mu.Lock()
	defer v.srv.mu.Unlock()
	msgs := v.srv.chats[v.chatID].botMsgs
	if len(msgs) == 0 {
		return nil
	}
	return msgs[len(msgs)-1].clone()
}

// WaitMessages waits until the bot has sent at least n messages to this
// chat and returns all of them. It fails the test with a dump of the chat
// after the wait timeout. It moves the WaitNext cursor past the messages
// it returns.
func (v *chatView) WaitMessages(n int) []*Message {
	v.srv.tb.Helper()
	ok := v.srv.waitFor(v.srv.waitTimeout, func() bool {
		return len(v.srv.chats[v.chatID].botMsgs) >= n
	})
	v.srv.mu.Lock()
	msgs := v.snapshot()
	if ok {
		v.cursor = max(v.cursor, len(msgs))
	}
	dump := v.dump()
	v.srv.mu.Unlock()
	if !ok {
		v.srv.tb.Fatalf("telegramtest: waited %v for %d bot messages in chat %d, have %d\n%s",
			v.srv.waitTimeout, n, v.chatID, len(msgs), dump)
	}
	return msgs
}

// WaitNext waits for the bot's next message in this chat: the first one
// not yet returned by WaitNext or WaitMessages. It fails the test with a
// dump of the chat after the wait timeout.
func (v *chatView) WaitNext() *Message {
	v.srv.tb.Helper()
	var m *Message
	ok := v.srv.waitFor(v.srv.waitTimeout, func() bool {
		msgs := v.srv.chats[v.chatID].botMsgs
		if len(msgs) <= v.cursor {
			return false
		}
		m = msgs[v.cursor].clone()
		v.cursor++
		return true
	})
	if !ok {
		v.srv.mu.Lock()
		dump := v.dump()
		v.srv.mu.Unlock()
		v.srv.tb.Fatalf("telegramtest: waited %v for a new bot message in chat %d\n%s", v.srv.waitTimeout, v.chatID, dump)
	}
	return m
}

// WaitMessage waits until the bot's message id in this chat satisfies
// cond (an edit or a deletion the bot makes in the background) and returns
// its state then. It fails the test with a dump of the chat after the wait
// timeout.
func (v *chatView) WaitMessage(id int, what string, cond func(*Message) bool) *Message {
	v.srv.tb.Helper()
	var m *Message
	ok := v.srv.waitFor(v.srv.waitTimeout, func() bool {
		if cur := v.srv.chats[v.chatID].byID[id]; cur != nil {
			m = cur.clone()
			return cond(m)
		}
		return false
	})
	if !ok {
		v.srv.mu.Lock()
		dump := v.dump()
		v.srv.mu.Unlock()
		v.srv.tb.Fatalf("telegramtest: waited %v for message %d in chat %d to be %s\n%s", v.srv.waitTimeout, id, v.chatID, what, dump)
	}
	return m
}

// ExpectNoMessage fails the test if the bot sends a message to this chat,
// beyond those already returned by WaitNext or WaitMessages, within d.
func (v *chatView) ExpectNoMessage(d time.Duration) {
	v.srv.tb.Helper()
	var extra *Message
	got := v.srv.waitFor(d, func() bool {
		msgs := v.srv.chats[v.chatID].botMsgs
		if len(msgs) > v.cursor {
			extra = msgs[v.cursor].clone()
			return true
		}
		return false
	})
	if got {
		v.srv.tb.Fatalf("telegramtest: unexpected bot message in chat %d: %v", v.chatID, extra)
	}
}

// dump describes the chat for failure messages. Call with srv.mu held.
func (v *chatView) dump() string {
	var b strings.Builder
	c := v.srv.chats[v.chatID]
	fmt.Fprintf(&b, "bot messages in chat %d (%s):\n", v.chatID, c.info.Type)
	if len(c.botMsgs) == 0 {
		b.WriteString("  (none)\n")
	}
	for i, m := range c.botMsgs {
		mark := " "
		if i == v.cursor {
			mark = ">"
		}
		fmt.Fprintf(&b, " %s%v\n", mark, m)
	}
	fmt.Fprintf(&b, "recent failed calls:\n%s", v.srv.recentErrors())
	return b.String()
}

// Group is a simulated group chat.
type Group struct {
	chatView
	ID    int64
	Title string
}

// NewGroup creates a group chat the bot is a member of. Use a negative id;
// ids at or below -1000000000000 make a supergroup, like Telegram's
// -100… ids.
func (s *Server) NewGroup(id int64, title string) *Group {
	s.tb.Helper()
	if id >= 0 {
		s.tb.Fatalf("telegramtest: group id %d must be negative", id)
	}
	typ := "group"
	if id <= -1000000000000 {
		typ = "supergroup"
	}
	s.addChat(tgbotapi.Chat{ID: id, Type: typ, Title: title})
	return &Group{chatView: chatView{srv: s, chatID: id}, ID: id, Title: title}
}

// SendText posts text to the group as from and returns the update_id.
func (g *Group) SendText(from *User, text string) int {
	id, _ := g.srv.post(g.ID, from, func(m *tgbotapi.Message) {
		m.Text = text
		m.Entities = commandEntities(text)
	})
	return id
}

// Server returns the fake server the chat lives on.
func (v *chatView) Server() *Server { return v.srv }
