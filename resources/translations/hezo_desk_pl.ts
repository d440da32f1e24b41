<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pl_PL">
<context>
    <name>AccessChangeDialog</name>
    <message>
        <source>the reseller</source>
        <translation>reseller</translation>
    </message>
    <message>
        <source>Grant reseller access</source>
        <translation>Udziel dostępu resellerowi</translation>
    </message>
    <message>
        <source>Withdraw reseller access</source>
        <translation>Odbierz dostęp resellerowi</translation>
    </message>
    <message>
        <source>The customer allows %1 to see ticket %2 (subject, state, messages to and from the customer, attachments; never internal notes).</source>
        <translation>Klient zgadza się, aby %1 widział zgłoszenie %2 (temat, stan, korespondencję z klientem, załączniki; nigdy notatek wewnętrznych).</translation>
    </message>
    <message>
        <source>Record the customer&apos;s decision</source>
        <translation>Zapisz decyzję klienta</translation>
    </message>
    <message>
        <source>Ticket %2 names %1 now, and the customer has not decided about %1 yet. Record what the customer says: may %1 see the ticket (subject, state, messages to and from the customer, attachments; never internal notes)?</source>
        <translation>Zgłoszenie %2 wskazuje teraz resellera %1, a klient nie podjął jeszcze decyzji w jego sprawie. Zapisz, co mówi klient: czy %1 może widzieć zgłoszenie (temat, stan, korespondencję z klientem, załączniki; nigdy notatek wewnętrznych)?</translation>
    </message>
    <message>
        <source>The customer withdraws access: %1 will see nothing of ticket %2, at once.</source>
        <translation>Klient odbiera dostęp: %1 od razu przestaje widzieć cokolwiek ze zgłoszenia %2.</translation>
    </message>
    <message>
        <source>No: %1 may not see it</source>
        <translation>Nie: %1 nie może go widzieć</translation>
    </message>
    <message>
        <source>Yes: %1 may see it</source>
        <translation>Tak: %1 może je widzieć</translation>
    </message>
    <message>
        <source>Someone else (type the name)</source>
        <translation>Ktoś inny (wpisz imię i nazwisko)</translation>
    </message>
    <message>
        <source>Name and role of the person, as they said it</source>
        <translation>Imię, nazwisko i funkcja tej osoby, tak jak się przedstawiła</translation>
    </message>
    <message>
        <source>Optional: e.g. the e-mail&apos;s date or what was said</source>
        <translation>Opcjonalnie: np. data e-maila lub co zostało powiedziane</translation>
    </message>
    <message>
        <source>&amp;Decision:</source>
        <translation>&amp;Decyzja:</translation>
    </message>
    <message>
        <source>&amp;Requested by:</source>
        <translation>&amp;Na prośbę:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Imię i nazwisko:</translation>
    </message>
    <message>
        <source>&amp;Channel:</source>
        <translation>&amp;Kanał:</translation>
    </message>
    <message>
        <source>N&amp;ote:</source>
        <translation>N&amp;otatka:</translation>
    </message>
    <message>
        <source>R&amp;ecord decision</source>
        <translation>&amp;Zapisz decyzję</translation>
    </message>
    <message>
        <source>&amp;Grant access</source>
        <translation>&amp;Udziel dostępu</translation>
    </message>
    <message>
        <source>&amp;Withdraw access</source>
        <translation>Od&amp;bierz dostęp</translation>
    </message>
    <message>
        <source>Say who asked for the change: type the person&apos;s name.</source>
        <translation>Podaj, kto poprosił o zmianę: wpisz imię i nazwisko.</translation>
    </message>
</context>
<context>
    <name>AccessPanel</name>
    <message>
        <source>Loading…</source>
        <translation>Wczytywanie…</translation>
    </message>
    <message>
        <source>&amp;Change…</source>
        <translation>Zm&amp;ień…</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Kiedy</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Decyzja</translation>
    </message>
    <message>
        <source>Requested by</source>
        <translation>Na prośbę</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanał</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>Zapisał(a)</translation>
    </message>
    <message>
        <source>system</source>
        <translation>system</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notatka</translation>
    </message>
    <message>
        <source>History of the decision (cannot be edited)</source>
        <translation>Historia decyzji (nie można jej zmieniać)</translation>
    </message>
    <message>
        <source>No reseller: the ticket is linked to no contract.</source>
        <translation>Brak resellera: zgłoszenie nie jest powiązane z żadną umową.</translation>
    </message>
    <message>
        <source>%1 MAY see this ticket.</source>
        <translation>%1 MOŻE widzieć to zgłoszenie.</translation>
    </message>
    <message>
        <source>%1 may NOT see this ticket.</source>
        <translation>%1 NIE MOŻE widzieć tego zgłoszenia.</translation>
    </message>
    <message>
        <source>No decision recorded (the default is no access).</source>
        <translation>Nie zapisano decyzji (domyślnie: brak dostępu).</translation>
    </message>
    <message>
        <source>The desk ended the customer&apos;s yes on %1: the ticket moved from %2 to %3 (re-linked by %4).</source>
        <translation>Program zakończył zgodę klienta dnia %1: zgłoszenie przeszło od %2 do %3 (powiązanie zmienił(a) %4).</translation>
    </message>
    <message>
        <source>no reseller</source>
        <translation>brak resellera</translation>
    </message>
    <message>
        <source>Recorded by %1 on %2 at the request of %3 (%4).</source>
        <translation>Zapisał(a) %1 dnia %2 na prośbę: %3 (%4).</translation>
    </message>
    <message>
        <source>the system</source>
        <translation>system</translation>
    </message>
    <message>
        <source>Re&amp;cord the decision…</source>
        <translation>Z&amp;apisz decyzję…</translation>
    </message>
    <message>
        <source>&amp;Withdraw access…</source>
        <translation>&amp;Odbierz dostęp…</translation>
    </message>
    <message>
        <source>Gr&amp;ant access…</source>
        <translation>&amp;Udziel dostępu…</translation>
    </message>
    <message>
        <source>the customer has not allowed it</source>
        <translation>klient się na to nie zgodził</translation>
    </message>
    <message>
        <source>no reseller is named for it</source>
        <translation>nie wskazano dla niego resellera</translation>
    </message>
    <message>
        <source>This ticket now belongs to %2 (it moved from %1), and the customer&apos;s yes for %1 does not carry over: %2 may not see it. Ask the customer whether %2 may see this ticket and record the decision.</source>
        <translation>To zgłoszenie należy teraz do resellera %2 (przeszło od %1), a zgoda klienta udzielona resellerowi %1 nie przechodzi na nowego: %2 nie może go widzieć. Zapytaj klienta, czy %2 może widzieć to zgłoszenie, i zapisz decyzję.</translation>
    </message>
    <message>
        <source>No decision of the customer about %1 is recorded for this ticket (it names %1 now). Ask the customer whether %1 may see it and record the decision.</source>
        <translation>Dla tego zgłoszenia nie zapisano decyzji klienta w sprawie resellera %1 (wskazuje ono teraz resellera %1). Zapytaj klienta, czy %1 może je widzieć, i zapisz decyzję.</translation>
    </message>
    <message>
        <source>nobody (ended by the desk)</source>
        <translation>nikt (zakończone przez program)</translation>
    </message>
    <message>
        <source>access → no access (the ticket moved from %1 to %2)</source>
        <translation>dostęp → brak dostępu (zgłoszenie przeszło od %1 do %2)</translation>
    </message>
    <message>
        <source>access</source>
        <translation>dostęp</translation>
    </message>
    <message>
        <source>no access</source>
        <translation>brak dostępu</translation>
    </message>
    <message>
        <source>%1 (asked when the ticket was opened)</source>
        <translation>%1 (decyzja przy otwarciu zgłoszenia)</translation>
    </message>
    <message>
        <source>%1 was changed by someone else meanwhile; your decision was not saved. Check the decision shown now and change it again if the customer still wants it.</source>
        <translation>%1 zostało w międzyczasie zmienione przez kogoś innego; Twoja decyzja nie została zapisana. Sprawdź widoczną teraz decyzję i zmień ją ponownie, jeśli klient nadal tego chce.</translation>
    </message>
</context>
<context>
    <name>AddAgentDialog</name>
    <message>
        <source>Add an agent</source>
        <translation>Dodaj konsultanta</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>Login</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nazwa</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rola</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Hasło</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>Powtórz hasło</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Hasła się różnią.</translation>
    </message>
</context>
<context>
    <name>AgentsModel</name>
    <message>
        <source>Login</source>
        <translation>Login</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nazwa</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rola</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktywny</translation>
    </message>
    <message>
        <source>Can sign in</source>
        <translation>Może się logować</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Dodano</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>tak</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nie</translation>
    </message>
</context>
<context>
    <name>AgentsScreen</name>
    <message>
        <source>Only administrators manage agent accounts.</source>
        <translation>Kontami konsultantów zarządzają tylko administratorzy.</translation>
    </message>
    <message>
        <source>Add agent…</source>
        <translation>Dodaj konsultanta…</translation>
    </message>
    <message>
        <source>Change role…</source>
        <translation>Zmień rolę…</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>Ustaw nowe hasło…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln agent(s)</source>
        <translation>
            <numerusform>%Ln konsultant</numerusform>
            <numerusform>%Ln konsultantów</numerusform>
            <numerusform>%Ln konsultantów</numerusform>
        </translation>
    </message>
    <message>
        <source>Activate</source>
        <translation>Aktywuj</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>Dezaktywuj</translation>
    </message>
</context>
<context>
    <name>AnonymiseDialog</name>
    <message>
        <source>Anonymise contact</source>
        <translation>Anonimizacja kontaktu</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (%2) will be anonymised. Their name, e-mail and phone are replaced everywhere the desk stores them: the contact, messages and their signatures, reseller-access decisions, audit entries, attachments and legacy dialogue PDFs, the search index and this computer&apos;s drafts. They appear as “Anonymised person n” from then on. Tickets, subjects and the rest of the dialogue stay.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; (%2) zostanie zanonimizowana. Imię i nazwisko, e-mail i telefon zostaną zastąpione wszędzie, gdzie przechowuje je aplikacja: w kontakcie, wiadomościach i ich podpisach, decyzjach o dostępie resellera, wpisach dziennika zdarzeń, załącznikach i plikach PDF dawnych dialogów, indeksie wyszukiwania oraz w wersjach roboczych na tym komputerze. Od tej chwili osoba występuje jako „Osoba zanonimizowana n”. Zgłoszenia, tematy i reszta dialogu pozostają.</translation>
    </message>
    <message>
        <source>This cannot be undone.</source>
        <translation>Tej operacji nie można cofnąć.</translation>
    </message>
    <message>
        <source>Reading the contact&apos;s tickets…</source>
        <translation>Odczytywanie zgłoszeń kontaktu…</translation>
    </message>
    <message>
        <source>Reason for erasing despite open tickets (recorded in the audit log):</source>
        <translation>Powód usunięcia danych mimo otwartych zgłoszeń (zapisywany w dzienniku zdarzeń):</translation>
    </message>
    <message>
        <source>&amp;Anonymise</source>
        <translation>&amp;Anonimizuj</translation>
    </message>
    <message>
        <source>This contact is already anonymised.</source>
        <translation>Ten kontakt jest już zanonimizowany.</translation>
    </message>
    <message>
        <source>Open tickets: %1. The erasure is refused while a ticket is open, unless you give a reason.</source>
        <translation>Otwarte zgłoszenia: %1. Usunięcie danych jest odmawiane, dopóki zgłoszenie jest otwarte, chyba że podasz powód.</translation>
    </message>
    <message>
        <source>Open tickets: %1. The erasure is refused while a ticket is open; only a supervisor may override that, with a reason.</source>
        <translation>Otwarte zgłoszenia: %1. Usunięcie danych jest odmawiane, dopóki zgłoszenie jest otwarte; pominąć to może tylko kierownik, podając powód.</translation>
    </message>
    <message numerus="yes">
        <source>%n ticket(s) of this contact stay, anonymised; none is open.</source>
        <translation>
            <numerusform>%n zgłoszenie tego kontaktu pozostaje, zanonimizowane; żadne nie jest otwarte.</numerusform>
            <numerusform>%n zgłoszenia tego kontaktu pozostają, zanonimizowane; żadne nie jest otwarte.</numerusform>
            <numerusform>%n zgłoszeń tego kontaktu pozostaje, zanonimizowanych; żadne nie jest otwarte.</numerusform>
        </translation>
    </message>
    <message>
        <source>Anonymising…</source>
        <translation>Anonimizowanie…</translation>
    </message>
</context>
<context>
    <name>Audit</name>
    <message>
        <source>ticket opened</source>
        <translation>otwarcie zgłoszenia</translation>
    </message>
    <message>
        <source>reply</source>
        <translation>odpowiedź</translation>
    </message>
    <message>
        <source>internal note</source>
        <translation>notatka wewnętrzna</translation>
    </message>
    <message>
        <source>state changed</source>
        <translation>zmiana stanu</translation>
    </message>
    <message>
        <source>priority changed</source>
        <translation>zmiana priorytetu</translation>
    </message>
    <message>
        <source>assignee changed</source>
        <translation>zmiana odpowiedzialnego</translation>
    </message>
    <message>
        <source>attachment added</source>
        <translation>dodanie załącznika</translation>
    </message>
    <message>
        <source>reseller access changed</source>
        <translation>zmiana dostępu resellera</translation>
    </message>
    <message>
        <source>ticket linked to a contract</source>
        <translation>powiązanie zgłoszenia z umową</translation>
    </message>
    <message>
        <source>migrated ticket reviewed</source>
        <translation>przegląd zmigrowanego zgłoszenia</translation>
    </message>
    <message>
        <source>ticket exported as PDF</source>
        <translation>eksport zgłoszenia do PDF</translation>
    </message>
    <message>
        <source>ticket printed</source>
        <translation>wydruk zgłoszenia</translation>
    </message>
    <message>
        <source>reseller database role granted</source>
        <translation>nadanie roli bazodanowej resellera</translation>
    </message>
    <message>
        <source>reseller database role revoked</source>
        <translation>odebranie roli bazodanowej resellera</translation>
    </message>
    <message>
        <source>customers merged</source>
        <translation>scalenie klientów</translation>
    </message>
    <message>
        <source>contact registered</source>
        <translation>rejestracja kontaktu</translation>
    </message>
    <message>
        <source>contact updated</source>
        <translation>aktualizacja kontaktu</translation>
    </message>
    <message>
        <source>personal data exported</source>
        <translation>eksport danych osobowych</translation>
    </message>
    <message>
        <source>contact anonymised</source>
        <translation>anonimizacja kontaktu</translation>
    </message>
    <message>
        <source>personal data redacted</source>
        <translation>usunięcie danych osobowych</translation>
    </message>
    <message>
        <source>retention run</source>
        <translation>przebieg retencji</translation>
    </message>
    <message>
        <source>agent added</source>
        <translation>dodanie konsultanta</translation>
    </message>
    <message>
        <source>agent changed</source>
        <translation>zmiana konsultanta</translation>
    </message>
    <message>
        <source>signed in</source>
        <translation>logowanie</translation>
    </message>
    <message>
        <source>legacy import</source>
        <translation>import ze starego systemu</translation>
    </message>
    <message>
        <source>demo data loaded</source>
        <translation>wczytanie danych demonstracyjnych</translation>
    </message>
    <message>
        <source>call recorded</source>
        <translation>zapis połączenia</translation>
    </message>
    <message>
        <source>ticket linked to a call</source>
        <translation>powiązanie zgłoszenia z połączeniem</translation>
    </message>
    <message>
        <source>call outcome noted</source>
        <translation>zapis wyniku połączenia</translation>
    </message>
    <message>
        <source>call-back taken on</source>
        <translation>podjęcie oddzwonienia</translation>
    </message>
    <message>
        <source>call-back given up</source>
        <translation>rezygnacja z oddzwonienia</translation>
    </message>
    <message>
        <source>called back</source>
        <translation>oddzwonienie</translation>
    </message>
    <message>
        <source>service-level dues changed</source>
        <translation>zmiana terminów poziomu obsługi</translation>
    </message>
    <message>
        <source>service level added</source>
        <translation>dodano poziom obsługi</translation>
    </message>
    <message>
        <source>service level changed</source>
        <translation>zmieniono poziom obsługi</translation>
    </message>
    <message>
        <source>service level removed</source>
        <translation>usunięto poziom obsługi</translation>
    </message>
    <message>
        <source>service&apos;s level changed</source>
        <translation>zmieniono poziom obsługi usługi</translation>
    </message>
    <message>
        <source>reply template added</source>
        <translation>dodano szablon odpowiedzi</translation>
    </message>
    <message>
        <source>reply template changed</source>
        <translation>zmieniono szablon odpowiedzi</translation>
    </message>
    <message>
        <source>reply template removed</source>
        <translation>usunięto szablon odpowiedzi</translation>
    </message>
    <message>
        <source>reply template used</source>
        <translation>użyto szablonu odpowiedzi</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(brak)</translation>
    </message>
    <message>
        <source>customer&apos;s</source>
        <translation>dla klienta</translation>
    </message>
    <message>
        <source>internal</source>
        <translation>wewnętrzna</translation>
    </message>
    <message>
        <source>reseller&apos;s</source>
        <translation>dla resellera</translation>
    </message>
    <message>
        <source>system</source>
        <translation>system</translation>
    </message>
    <message>
        <source>opened %1: %2</source>
        <translation>otwarto %1: %2</translation>
    </message>
    <message>
        <source>opened %1 on contract %2</source>
        <translation>otwarto %1 na umowie %2</translation>
    </message>
    <message>
        <source>%1: reseller access withdrawn, the ticket moved to another reseller; the customer&apos;s decision about the new reseller is needed</source>
        <translation>%1: odebrano dostęp resellera, zgłoszenie przeszło do innego resellera; potrzebna decyzja klienta co do nowego resellera</translation>
    </message>
    <message>
        <source>%1: reseller access granted</source>
        <translation>%1: udzielono dostępu resellerowi</translation>
    </message>
    <message>
        <source>%1: reseller access withdrawn</source>
        <translation>%1: odebrano dostęp resellerowi</translation>
    </message>
    <message>
        <source>%1: linked to %2 %3</source>
        <translation>%1: powiązano z %2 %3</translation>
    </message>
    <message>
        <source>%1: linked to %2 (no serial)</source>
        <translation>%1: powiązano z %2 (bez numeru seryjnego)</translation>
    </message>
    <message>
        <source>%1: migrated case reviewed (%2 flag(s))</source>
        <translation>%1: przejrzano zmigrowaną sprawę (uwagi: %2)</translation>
    </message>
    <message>
        <source>%1: migrated case reviewed</source>
        <translation>%1: przejrzano zmigrowaną sprawę</translation>
    </message>
    <message>
        <source>%1: migrated from legacy ticket %2 (run %3)</source>
        <translation>%1: zmigrowano ze zgłoszenia %2 starego systemu (przebieg %3)</translation>
    </message>
    <message>
        <source>legacy import run %1: %2</source>
        <translation>import ze starego systemu, przebieg %1: %2</translation>
    </message>
    <message>
        <source>customer %1 (%2) merged into %3 (%4); moved: %5 contact(s), %6 contract(s), %7 ticket(s), %8 call(s)</source>
        <translation>klienta %1 (%2) scalono z %3 (%4); przeniesiono: kontakty %5, umowy %6, zgłoszenia %7, połączenia %8</translation>
    </message>
    <message>
        <source>%1, %2 call, %3</source>
        <translation>%1, połączenie %2, %3</translation>
    </message>
    <message>
        <source>agent %1: role → %2</source>
        <translation>konsultant %1: rola → %2</translation>
    </message>
    <message>
        <source>agent %1: activated</source>
        <translation>konsultant %1: aktywowano</translation>
    </message>
    <message>
        <source>agent %1: deactivated</source>
        <translation>konsultant %1: dezaktywowano</translation>
    </message>
    <message>
        <source>agent %1: password reset</source>
        <translation>konsultant %1: zresetowano hasło</translation>
    </message>
    <message>
        <source>%1: reply</source>
        <translation>%1: odpowiedź</translation>
    </message>
    <message>
        <source>%1: internal note</source>
        <translation>%1: notatka wewnętrzna</translation>
    </message>
    <message>
        <source>%1: state %2 → %3</source>
        <translation>%1: stan %2 → %3</translation>
    </message>
    <message>
        <source>%1: priority %2 → %3</source>
        <translation>%1: priorytet %2 → %3</translation>
    </message>
    <message>
        <source>%1: assignee %2 → %3</source>
        <translation>%1: odpowiedzialny %2 → %3</translation>
    </message>
    <message>
        <source>%1: attached %2 (%3 bytes)</source>
        <translation>%1: załączono %2 (bajty: %3)</translation>
    </message>
    <message>
        <source>exported %1 as PDF (%2 copy)</source>
        <translation>wyeksportowano %1 do PDF (wersja %2)</translation>
    </message>
    <message>
        <source>printed %1 (%2 copy, %3 pages)</source>
        <translation>wydrukowano %1 (wersja %2, strony: %3)</translation>
    </message>
    <message>
        <source>database role %1 reads for the reseller</source>
        <translation>rola bazodanowa %1 czyta dla resellera</translation>
    </message>
    <message>
        <source>database role %1 no longer reads for the reseller</source>
        <translation>rola bazodanowa %1 nie czyta już dla resellera</translation>
    </message>
    <message>
        <source>registered contact %1 &lt;%2&gt;</source>
        <translation>zarejestrowano kontakt %1 &lt;%2&gt;</translation>
    </message>
    <message>
        <source>updated contact %1 &lt;%2&gt;</source>
        <translation>zaktualizowano kontakt %1 &lt;%2&gt;</translation>
    </message>
    <message>
        <source>exported the personal data held about contact #%1 (RODO art. 15)</source>
        <translation>wyeksportowano dane osobowe kontaktu #%1 (RODO art. 15)</translation>
    </message>
    <message>
        <source>anonymised contact %1 as person %2</source>
        <translation>zanonimizowano kontakt %1 jako osobę %2</translation>
    </message>
    <message>
        <source>personal data redacted (contact %1)</source>
        <translation>usunięto dane osobowe (kontakt %1)</translation>
    </message>
    <message>
        <source>retention: %1 contact(s) of tickets closed before %2 anonymised</source>
        <translation>retencja: zanonimizowano kontakty zgłoszeń zamkniętych przed %2 (liczba: %1)</translation>
    </message>
    <message>
        <source>agent %1 (%2) added</source>
        <translation>dodano konsultanta %1 (%2)</translation>
    </message>
    <message>
        <source>%1 signed in</source>
        <translation>%1 zalogował(a) się</translation>
    </message>
    <message>
        <source>demo data loaded: %1 customers, %2 tickets (seed %3)</source>
        <translation>wczytano dane demonstracyjne: klienci %1, zgłoszenia %2 (ziarno %3)</translation>
    </message>
    <message>
        <source>reply template added: %1 (%2)</source>
        <translation>dodano szablon odpowiedzi: %1 (%2)</translation>
    </message>
    <message>
        <source>reply template changed: %1 (%2)</source>
        <translation>zmieniono szablon odpowiedzi: %1 (%2)</translation>
    </message>
    <message>
        <source>reply template removed: %1 (%2)</source>
        <translation>usunięto szablon odpowiedzi: %1 (%2)</translation>
    </message>
    <message>
        <source>%1: reply template %2 (%3)</source>
        <translation>%1: szablon odpowiedzi %2 (%3)</translation>
    </message>
    <message>
        <source>service level %1 added</source>
        <translation>dodano poziom obsługi %1</translation>
    </message>
    <message>
        <source>service level %1 changed</source>
        <translation>zmieniono poziom obsługi %1</translation>
    </message>
    <message>
        <source>service level %1 removed</source>
        <translation>usunięto poziom obsługi %1</translation>
    </message>
    <message>
        <source>service %1: level %2 → %3</source>
        <translation>usługa %1: poziom %2 → %3</translation>
    </message>
    <message>
        <source>%1 linked to the call with %2</source>
        <translation>%1 powiązano z połączeniem z %2</translation>
    </message>
    <message>
        <source>outcome of the call: %1</source>
        <translation>wynik połączenia: %1</translation>
    </message>
    <message>
        <source>calling back %1</source>
        <translation>oddzwanianie do %1</translation>
    </message>
    <message>
        <source>no longer calling back %1</source>
        <translation>rezygnacja z oddzwonienia do %1</translation>
    </message>
    <message>
        <source>called back %1</source>
        <translation>oddzwoniono do %1</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <source>Time</source>
        <translation>Czas</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Konsultant</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Czynność</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>Zgłoszenie</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Opis</translation>
    </message>
    <message>
        <source>(system)</source>
        <translation>(system)</translation>
    </message>
</context>
<context>
    <name>AuditScreen</name>
    <message>
        <source>The audit log is for supervisors and administrators.</source>
        <translation>Dziennik zdarzeń jest dostępny dla kierowników i administratorów.</translation>
    </message>
    <message>
        <source>All agents</source>
        <translation>Wszyscy konsultanci</translation>
    </message>
    <message>
        <source>Ticket number (HD-000123 or legacy)</source>
        <translation>Numer zgłoszenia (HD-000123 lub ze starego systemu)</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>Wszystkie czynności</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Od</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Do</translation>
    </message>
    <message numerus="yes">
        <source>%Ln entry(ies)</source>
        <translation>
            <numerusform>%Ln wpis</numerusform>
            <numerusform>%Ln wpisy</numerusform>
            <numerusform>%Ln wpisów</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BatchExportDialog</name>
    <message numerus="yes">
        <source>Export %n case(s) as PDF</source>
        <translation>
            <numerusform>Eksport %n sprawy do PDF</numerusform>
            <numerusform>Eksport %n spraw do PDF</numerusform>
            <numerusform>Eksport %n spraw do PDF</numerusform>
        </translation>
    </message>
    <message>
        <source>One PDF file per case, into a folder</source>
        <translation>Osobny plik PDF dla każdej sprawy, do folderu</translation>
    </message>
    <message>
        <source>All cases in one combined PDF file</source>
        <translation>Wszystkie sprawy w jednym wspólnym pliku PDF</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Wybierz…</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) selected.</source>
        <translation>
            <numerusform>Wybrano %n sprawę.</numerusform>
            <numerusform>Wybrano %n sprawy.</numerusform>
            <numerusform>Wybrano %n spraw.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Eksportuj</translation>
    </message>
    <message>
        <source>Copy:</source>
        <translation>Wersja:</translation>
    </message>
    <message>
        <source>Save to:</source>
        <translation>Zapisz do:</translation>
    </message>
    <message>
        <source>cases.pdf</source>
        <translation>sprawy.pdf</translation>
    </message>
    <message>
        <source>Combined PDF file</source>
        <translation>Wspólny plik PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Pliki PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Folder for the PDFs</source>
        <translation>Folder na pliki PDF</translation>
    </message>
    <message>
        <source>Choose where to save the PDFs.</source>
        <translation>Wybierz, gdzie zapisać pliki PDF.</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Eksportowanie…</translation>
    </message>
    <message>
        <source>%1 of %2: %3</source>
        <translation>%1 z %2: %3</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n case(s).</source>
        <translation>
            <numerusform>Wyeksportowano %n sprawę.</numerusform>
            <numerusform>Wyeksportowano %n sprawy.</numerusform>
            <numerusform>Wyeksportowano %n spraw.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Not exported (%n):</source>
        <translation>
            <numerusform>Nie wyeksportowano (%n):</numerusform>
            <numerusform>Nie wyeksportowano (%n):</numerusform>
            <numerusform>Nie wyeksportowano (%n):</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled. No file was written.</source>
        <translation>Anulowano. Nie zapisano żadnego pliku.</translation>
    </message>
    <message>
        <source>Cancelled. The files completed so far are kept; no partial file was left.</source>
        <translation>Anulowano. Gotowe pliki zostają; nie pozostał żaden niedokończony plik.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Zamknij</translation>
    </message>
    <message>
        <source>Cancelling after the case in progress…</source>
        <translation>Anulowanie po zakończeniu bieżącej sprawy…</translation>
    </message>
</context>
<context>
    <name>CalendarNames</name>
    <message>
        <source>NBD</source>
        <translation>NBD</translation>
    </message>
</context>
<context>
    <name>CallBacksScreen</name>
    <message>
        <source>Missed at</source>
        <translation>Nieodebrane o</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Numer</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Klient</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Osoba kontaktowa</translation>
    </message>
    <message>
        <source>Calling back</source>
        <translation>Oddzwania</translation>
    </message>
    <message>
        <source>&amp;Claim</source>
        <translation>Przej&amp;mij</translation>
    </message>
    <message>
        <source>&amp;Release</source>
        <translation>Z&amp;wolnij</translation>
    </message>
    <message>
        <source>Call &amp;back</source>
        <translation>&amp;Oddzwoń</translation>
    </message>
    <message>
        <source>Calling %1…</source>
        <translation>Dzwonię pod %1…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln call(s) to call back</source>
        <translation>
            <numerusform>%Ln połączenie do oddzwonienia</numerusform>
            <numerusform>%Ln połączenia do oddzwonienia</numerusform>
            <numerusform>%Ln połączeń do oddzwonienia</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is calling back %2 already; nothing was changed.</source>
        <translation>%1 już oddzwania pod %2; niczego nie zmieniono.</translation>
    </message>
    <message>
        <source>Another agent</source>
        <translation>Inny konsultant</translation>
    </message>
    <message>
        <source>The call from %1 was changed by someone else meanwhile; look again.</source>
        <translation>Połączenie z %1 zostało w międzyczasie zmienione przez kogoś innego; sprawdź ponownie.</translation>
    </message>
    <message>
        <source>The call from %1 needs no call-back any more.</source>
        <translation>Połączenie z %1 nie wymaga już oddzwonienia.</translation>
    </message>
</context>
<context>
    <name>CallStatisticsScreen</name>
    <message>
        <source>Hour</source>
        <translation>Godzina</translation>
    </message>
    <message>
        <source>Incoming</source>
        <translation>Przychodzące</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>Nieodebrane</translation>
    </message>
    <message>
        <source>Outgoing</source>
        <translation>Wychodzące</translation>
    </message>
    <message>
        <source>Day:</source>
        <translation>Dzień:</translation>
    </message>
    <message>
        <source>%1 answered  %2 missed  %3 outgoing</source>
        <translation>%1 odebrane  %2 nieodebrane  %3 wychodzące</translation>
    </message>
    <message>
        <source>%1 incoming, %2 missed (missed-call rate %3), %4 outgoing</source>
        <translation>przychodzące: %1, nieodebrane: %2 (odsetek nieodebranych %3), wychodzące: %4</translation>
    </message>
</context>
<context>
    <name>CallsModel</name>
    <message>
        <source>Time</source>
        <translation>Czas</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Kierunek</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Numer</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Klient</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stan</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Konsultant</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Czas trwania</translation>
    </message>
    <message>
        <source>Tickets</source>
        <translation>Zgłoszenia</translation>
    </message>
    <message>
        <source>Call-back</source>
        <translation>Oddzwonienie</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Wynik</translation>
    </message>
    <message>
        <source>called back %1</source>
        <translation>oddzwoniono %1</translation>
    </message>
    <message>
        <source>%1 is calling back</source>
        <translation>oddzwania: %1</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>czeka</translation>
    </message>
</context>
<context>
    <name>CallsScreen</name>
    <message>
        <source>Number in any form, company or outcome</source>
        <translation>Numer w dowolnej postaci, firma lub wynik</translation>
    </message>
    <message>
        <source>Missed only</source>
        <translation>Tylko nieodebrane</translation>
    </message>
    <message>
        <source>Outcome…</source>
        <translation>Wynik…</translation>
    </message>
    <message>
        <source>Open ticket</source>
        <translation>Otwórz zgłoszenie</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Eksport CSV…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln call(s)</source>
        <translation>
            <numerusform>%Ln połączenie</numerusform>
            <numerusform>%Ln połączenia</numerusform>
            <numerusform>%Ln połączeń</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose a call first.</source>
        <translation>Najpierw wybierz połączenie.</translation>
    </message>
    <message>
        <source>Outcome of the call</source>
        <translation>Wynik połączenia</translation>
    </message>
    <message>
        <source>What came of the call with %1?</source>
        <translation>Jaki był wynik rozmowy z %1?</translation>
    </message>
    <message>
        <source>Choose a call with a ticket first.</source>
        <translation>Najpierw wybierz połączenie ze zgłoszeniem.</translation>
    </message>
    <message>
        <source>Export the call journal</source>
        <translation>Eksport dziennika połączeń</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Pliki CSV (*.csv)</translation>
    </message>
    <message>
        <source>Written to %1: %2</source>
        <translation>Zapisano do %1: %2</translation>
    </message>
</context>
<context>
    <name>CasePdf</name>
    <message>
        <source>Case</source>
        <translation>Zgłoszenie</translation>
    </message>
    <message>
        <source>Customer copy</source>
        <translation>Wersja dla klienta</translation>
    </message>
    <message>
        <source>Internal copy – contains internal notes</source>
        <translation>Wersja wewnętrzna – zawiera notatki wewnętrzne</translation>
    </message>
    <message>
        <source>Reseller copy</source>
        <translation>Wersja dla resellera</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>Numer zgłoszenia</translation>
    </message>
    <message>
        <source>Legacy number</source>
        <translation>Numer w starym systemie</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Temat</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Klient</translation>
    </message>
    <message>
        <source>Tax ID</source>
        <translation>NIP</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Osoba kontaktowa</translation>
    </message>
    <message>
        <source>Service contract</source>
        <translation>Umowa serwisowa</translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation>Numer seryjny</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stan</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorytet</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Otwarte</translation>
    </message>
    <message>
        <source>Last changed</source>
        <translation>Ostatnia zmiana</translation>
    </message>
    <message>
        <source>Reseller access</source>
        <translation>Dostęp resellera</translation>
    </message>
    <message>
        <source>Prepared for</source>
        <translation>Przygotowano dla</translation>
    </message>
    <message>
        <source>Opened by</source>
        <translation>Otworzył(a)</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Zamknięte</translation>
    </message>
    <message>
        <source>Service level</source>
        <translation>Poziom obsługi</translation>
    </message>
    <message>
        <source>Response target</source>
        <translation>Czas reakcji</translation>
    </message>
    <message>
        <source>Response due</source>
        <translation>Termin reakcji</translation>
    </message>
    <message>
        <source>Resolution target</source>
        <translation>Czas rozwiązania</translation>
    </message>
    <message>
        <source>Resolution due</source>
        <translation>Termin rozwiązania</translation>
    </message>
    <message>
        <source>HEZO agent</source>
        <translation>Konsultant HEZO</translation>
    </message>
    <message>
        <source>INTERNAL NOTE</source>
        <translation>NOTATKA WEWNĘTRZNA</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>tak</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>Dialogue</source>
        <translation>Korespondencja</translation>
    </message>
    <message>
        <source>No entries.</source>
        <translation>Brak wpisów.</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Załączniki</translation>
    </message>
    <message>
        <source>No attachments.</source>
        <translation>Brak załączników.</translation>
    </message>
    <message>
        <source>File name</source>
        <translation>Nazwa pliku</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Rozmiar</translation>
    </message>
    <message>
        <source>SHA-256 checksum</source>
        <translation>Suma kontrolna SHA-256</translation>
    </message>
    <message>
        <source>time unknown</source>
        <translation>czas nieznany</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Strona %1 z %2</translation>
    </message>
    <message>
        <source>Exported by %1, %2</source>
        <translation>Wyeksportował(a): %1, %2</translation>
    </message>
    <message>
        <source>Polish local time (Europe/Warsaw).</source>
        <translation>Czas polski (Europe/Warsaw).</translation>
    </message>
    <message>
        <source>Characters this font cannot print are shown as �.</source>
        <translation>Znaki, których nie da się wydrukować tą czcionką, zastąpiono znakiem �.</translation>
    </message>
    <message>
        <source>Case dialogue – %1</source>
        <translation>Zgłoszenie z korespondencją – %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>brak</translation>
    </message>
    <message>
        <source>no target</source>
        <translation>bez celu</translation>
    </message>
    <message>
        <source>by 16:00 on the next business day</source>
        <translation>do 16:00 następnego dnia roboczego</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 godz.</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 godz. %2 min</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 dn. %2 godz.</translation>
    </message>
    <message>
        <source>%1 – pending, %2 left</source>
        <translation>%1 – w toku, zostało %2</translation>
    </message>
    <message>
        <source>%1 – overdue by %2</source>
        <translation>%1 – przekroczony o %2</translation>
    </message>
    <message>
        <source>%1 – met (%2)</source>
        <translation>%1 – dotrzymany (%2)</translation>
    </message>
    <message>
        <source>%1 – met</source>
        <translation>%1 – dotrzymany</translation>
    </message>
    <message>
        <source>%1 – breached by %2</source>
        <translation>%1 – niedotrzymany, przekroczony o %2</translation>
    </message>
    <message>
        <source>%1 – breached</source>
        <translation>%1 – niedotrzymany</translation>
    </message>
    <message>
        <source>paused (waiting for the customer)</source>
        <translation>wstrzymany (oczekiwanie na klienta)</translation>
    </message>
    <message>
        <source>%1 – not decided</source>
        <translation>%1 – nierozstrzygnięty</translation>
    </message>
</context>
<context>
    <name>ChartPanel</name>
    <message>
        <source>Export PNG…</source>
        <translation>Eksportuj PNG…</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Eksportuj CSV…</translation>
    </message>
    <message>
        <source>Export the chart as PNG</source>
        <translation>Eksport wykresu do PNG</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Obrazy PNG (*.png)</translation>
    </message>
    <message>
        <source>Export the chart&apos;s data as CSV</source>
        <translation>Eksport danych wykresu do CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Pliki CSV (*.csv)</translation>
    </message>
    <message>
        <source>Written to %1</source>
        <translation>Zapisano w %1</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>Nie udało się zapisać %1</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>error: %1 is not UTF-8 text (its bytes are in another encoding); give it in UTF-8, as the desk stores text</source>
        <translation>błąd: %1 to nie jest tekst UTF-8 (jego bajty są w innym kodowaniu); podaj go w UTF-8, w którym desk przechowuje tekst</translation>
    </message>
    <message>
        <source>warning: the password in --database is visible to every user of this computer in the process list; put the URL in %1 instead, or leave the password out and let the desk take it from the keyring</source>
        <translation>ostrzeżenie: hasło w --database widzi na liście procesów każdy użytkownik tego komputera; podaj URL w %1 albo pomiń hasło i pozwól, by desk wziął je z pęku kluczy</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>przerwano</translation>
    </message>
    <message>
        <source>%1: schema already at %2</source>
        <translation>%1: schemat już w wersji %2</translation>
    </message>
    <message>
        <source>%1: schema upgraded %2 → %3</source>
        <translation>%1: schemat zaktualizowany %2 → %3</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(brak)</translation>
    </message>
    <message>
        <source>a local file: whoever can write it can change anything (the audit chain tells)</source>
        <translation>plik lokalny: kto może go zapisać, może zmienić wszystko (łańcuch dziennika zdarzeń to wykaże)</translation>
    </message>
    <message>
        <source>connected as the schema owner: the database does not check the agents&apos; rights; use this role for `db upgrade` only and connect desks as a member of hezo_desk</source>
        <translation>połączenie jako właściciel schematu: baza danych nie sprawdza uprawnień agentów; używaj tej roli tylko do `db upgrade`, a stanowiska łącz jako członka roli hezo_desk</translation>
    </message>
    <message>
        <source>connected as a desk role: every change is checked against the signed-in agent</source>
        <translation>połączenie jako rola stanowiska: każda zmiana jest sprawdzana względem zalogowanego agenta</translation>
    </message>
    <message>
        <source>connected as a role that is neither the schema owner nor a member of hezo_desk: it may do only what was granted to it by hand</source>
        <translation>połączenie jako rola, która nie jest ani właścicielem schematu, ani członkiem hezo_desk: może tylko to, co nadano jej ręcznie</translation>
    </message>
    <message>
        <source>%1: %2 (database %3, this version %4)</source>
        <translation>%1: %2 (baza %3, ta wersja %4)</translation>
    </message>
    <message>
        <source>added agent %1 (%2, %3)</source>
        <translation>dodano konsultanta %1 (%2, %3)</translation>
    </message>
    <message>
        <source>login</source>
        <translation>login</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nazwa</translation>
    </message>
    <message>
        <source>role</source>
        <translation>rola</translation>
    </message>
    <message>
        <source>active</source>
        <translation>aktywny</translation>
    </message>
    <message>
        <source>can sign in</source>
        <translation>może się zalogować</translation>
    </message>
    <message>
        <source>%1: %2, active</source>
        <translation>%1: %2, konto aktywne</translation>
    </message>
    <message>
        <source>%1: %2, deactivated</source>
        <translation>%1: %2, konto wyłączone</translation>
    </message>
    <message>
        <source>demo data in %1: %2 customers, %3 contracts, %4 services, %5 tickets, %6 messages</source>
        <translation>dane demonstracyjne w %1: klienci %2, umowy %3, usługi %4, zgłoszenia %5, wiadomości %6</translation>
    </message>
    <message>
        <source>demo agents (password “%1”): %2</source>
        <translation>konsultanci demonstracyjni (hasło „%1”): %2</translation>
    </message>
    <message>
        <source>entry %1 was changed after it was written (its content no longer gives its hash)</source>
        <translation>wpis %1 zmieniono po zapisaniu (jego treść nie daje już jego skrótu)</translation>
    </message>
    <message>
        <source>entry %1 does not follow the entry before it: an entry before it was removed, or it was inserted or moved</source>
        <translation>wpis %1 nie następuje po poprzednim: usunięto wpis przed nim albo go wstawiono lub przeniesiono</translation>
    </message>
    <message>
        <source>entry %1 has no hash: it was written outside the desk</source>
        <translation>wpis %1 nie ma skrótu: zapisano go poza deskiem</translation>
    </message>
    <message>
        <source>the log no longer holds the head %2: entries were removed from its end, or the chain was rewritten</source>
        <translation>dziennik nie zawiera już czoła %2: usunięto wpisy z jego końca albo przepisano łańcuch</translation>
    </message>
    <message>
        <source>head %1 (entry %2)</source>
        <translation>czoło %1 (wpis %2)</translation>
    </message>
    <message>
        <source>audit log intact, %1</source>
        <translation>dziennik audytu nienaruszony, %1</translation>
    </message>
    <message>
        <source>audit log BROKEN: %1 (%2 fit the chain)</source>
        <translation>dziennik audytu NARUSZONY: %1 (pasuje do łańcucha: %2)</translation>
    </message>
    <message>
        <source>audit log BROKEN: %1 (it is the first entry)</source>
        <translation>dziennik audytu NARUSZONY: %1 (to pierwszy wpis)</translation>
    </message>
    <message>
        <source>audit log BROKEN: %1 (the %2 before it fit the chain)</source>
        <translation>dziennik audytu NARUSZONY: %1 (wcześniejsze pasują do łańcucha: %2)</translation>
    </message>
    <message>
        <source>1 entry</source>
        <translation>1 wpis</translation>
    </message>
    <message>
        <source>%1 entries</source>
        <translation>wpisy: %1</translation>
    </message>
    <message>
        <source>started</source>
        <translation>początek</translation>
    </message>
    <message>
        <source>dir</source>
        <translation>kier.</translation>
    </message>
    <message>
        <source>state</source>
        <translation>stan</translation>
    </message>
    <message>
        <source>number</source>
        <translation>numer</translation>
    </message>
    <message>
        <source>customer</source>
        <translation>klient</translation>
    </message>
    <message>
        <source>agent</source>
        <translation>konsultant</translation>
    </message>
    <message>
        <source>duration</source>
        <translation>czas</translation>
    </message>
    <message>
        <source>tickets</source>
        <translation>zgłoszenia</translation>
    </message>
    <message>
        <source>back</source>
        <translation>oddzw.</translation>
    </message>
    <message>
        <source>done by %1</source>
        <translation>wykonał(a) %1</translation>
    </message>
    <message>
        <source>done</source>
        <translation>wykonane</translation>
    </message>
    <message>
        <source>%1 is calling back</source>
        <translation>oddzwania %1</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>czeka</translation>
    </message>
    <message>
        <source>wrote %1 call(s) to %2</source>
        <translation>zapisano połączenia (%1) do %2</translation>
    </message>
    <message>
        <source>%1: %2 incoming, %3 outgoing, %4 missed (%5)</source>
        <translation>%1: przychodzące %2, wychodzące %3, nieodebrane %4 (%5)</translation>
    </message>
    <message>
        <source>hour</source>
        <translation>godzina</translation>
    </message>
    <message>
        <source>incoming</source>
        <translation>przychodzące</translation>
    </message>
    <message>
        <source>outgoing</source>
        <translation>wychodzące</translation>
    </message>
    <message>
        <source>missed</source>
        <translation>nieodebrane</translation>
    </message>
    <message>
        <source>as a NIP, %1 has a wrong check digit: no NIP begins with its first nine digits</source>
        <translation>jako NIP %1 ma złą cyfrę kontrolną: żaden NIP nie zaczyna się od jego pierwszych dziewięciu cyfr</translation>
    </message>
    <message>
        <source>as a NIP, %1 has a wrong check digit: with these first nine digits the last would be %2</source>
        <translation>jako NIP %1 ma złą cyfrę kontrolną: przy tych pierwszych dziewięciu cyfrach ostatnia byłaby %2</translation>
    </message>
    <message>
        <source>nothing recognisable</source>
        <translation>nic rozpoznawalnego</translation>
    </message>
    <message>
        <source>nothing found for “%1” (read as: %2)</source>
        <translation>nic nie znaleziono dla „%1” (odczytano jako: %2)</translation>
    </message>
    <message>
        <source>“%1” read as: %2</source>
        <translation>„%1” odczytano jako: %2</translation>
    </message>
    <message>
        <source>HEZO knows no service on that serial</source>
        <translation>HEZO nie zna usługi o tym numerze seryjnym</translation>
    </message>
    <message>
        <source>registered %1 &lt;%2&gt;</source>
        <translation>zarejestrowano %1 &lt;%2&gt;</translation>
    </message>
    <message>
        <source>updated %1 &lt;%2&gt;</source>
        <translation>zaktualizowano %1 &lt;%2&gt;</translation>
    </message>
    <message>
        <source>READ BACK TO THE CALLER: the contract holds %1</source>
        <translation>PRZECZYTAJ DZWONIĄCEMU: na umowie jest %1</translation>
    </message>
    <message>
        <source>serial notation on the contract: %1</source>
        <translation>zapis numeru seryjnego na umowie: %1</translation>
    </message>
    <message>
        <source>Customers (%1)</source>
        <translation>Klienci (%1)</translation>
    </message>
    <message>
        <source>tax id</source>
        <translation>NIP</translation>
    </message>
    <message>
        <source>city</source>
        <translation>miasto</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>telefon</translation>
    </message>
    <message>
        <source>matched by</source>
        <translation>dopasowano po</translation>
    </message>
    <message>
        <source>Contracts (%1)</source>
        <translation>Umowy (%1)</translation>
    </message>
    <message>
        <source>reseller</source>
        <translation>reseller</translation>
    </message>
    <message>
        <source>term</source>
        <translation>okres</translation>
    </message>
    <message>
        <source>services</source>
        <translation>usługi</translation>
    </message>
    <message>
        <source>Services (%1)</source>
        <translation>Usługi (%1)</translation>
    </message>
    <message>
        <source>notation</source>
        <translation>zapis</translation>
    </message>
    <message>
        <source>product</source>
        <translation>produkt</translation>
    </message>
    <message>
        <source>contract</source>
        <translation>umowa</translation>
    </message>
    <message>
        <source>until</source>
        <translation>do</translation>
    </message>
    <message>
        <source>Tickets (%1)</source>
        <translation>Zgłoszenia (%1)</translation>
    </message>
    <message>
        <source>legacy</source>
        <translation>stary numer</translation>
    </message>
    <message>
        <source>subject</source>
        <translation>temat</translation>
    </message>
    <message>
        <source>priority</source>
        <translation>priorytet</translation>
    </message>
    <message>
        <source>reseller access</source>
        <translation>dostęp resellera</translation>
    </message>
    <message>
        <source>wrote %1</source>
        <translation>zapisano %1</translation>
    </message>
    <message>
        <source>ran %1</source>
        <translation>uruchomiono %1</translation>
    </message>
    <message>
        <source>xdg-mime is not installed (package xdg-utils): make HEZO Desk the tel: handler in the desktop&apos;s default applications, or run `xdg-mime default %1 %2` once it is</source>
        <translation>xdg-mime nie jest zainstalowany (pakiet xdg-utils): ustaw HEZO Desk jako obsługę tel: w domyślnych aplikacjach pulpitu albo uruchom `xdg-mime default %1 %2`, gdy będzie zainstalowany</translation>
    </message>
    <message>
        <source>would write %1:</source>
        <translation>zapisałby %1:</translation>
    </message>
    <message>
        <source>would copy %1 to %2</source>
        <translation>skopiowałby %1 do %2</translation>
    </message>
    <message>
        <source>would run %1</source>
        <translation>uruchomiłby %1</translation>
    </message>
    <message>
        <source>would skip %1: not installed</source>
        <translation>pominąłby %1: nie jest zainstalowany</translation>
    </message>
    <message>
        <source>%1 (%2 copy) → %3</source>
        <translation>%1 (wersja %2) → %3</translation>
    </message>
    <message>
        <source> (run with --debug for details)</source>
        <translation> (szczegóły: uruchom z --debug)</translation>
    </message>
    <message>
        <source>%1; if this command changes data, the change may or may not have been saved: check before running it again</source>
        <translation>%1; jeśli to polecenie zmienia dane, zmiana mogła zostać zapisana albo nie: sprawdź przed ponownym uruchomieniem</translation>
    </message>
    <message>
        <source>database error: %1</source>
        <translation>błąd bazy danych: %1</translation>
    </message>
    <message>
        <source>unexpected error: %1: %2</source>
        <translation>nieoczekiwany błąd: %1: %2</translation>
    </message>
    <message>
        <source>the database refused the operation: %1</source>
        <translation>baza danych odmówiła wykonania operacji: %1</translation>
    </message>
    <message>
        <source>registrations</source>
        <translation>rejestracje</translation>
    </message>
    <message>
        <source>access decisions</source>
        <translation>decyzje o dostępie</translation>
    </message>
    <message>
        <source>audit entries</source>
        <translation>wpisy dziennika zdarzeń</translation>
    </message>
    <message>
        <source>calls</source>
        <translation>połączenia</translation>
    </message>
    <message>
        <source>contact #%1: %2</source>
        <translation>kontakt #%1: %2</translation>
    </message>
    <message>
        <source>  %1: %2</source>
        <translation>  %1: %2</translation>
    </message>
    <message>
        <source>contact %1 anonymised as “%2”</source>
        <translation>kontakt %1 zanonimizowano jako „%2”</translation>
    </message>
    <message>
        <source>  despite open tickets: %1</source>
        <translation>  mimo otwartych zgłoszeń: %1</translation>
    </message>
    <message>
        <source>  %1 ticket(s) touched; changed: %2</source>
        <translation>  zgłoszenia, których to dotyczy: %1; zmieniono: %2</translation>
    </message>
    <message>
        <source>  the full-text index could not be rewritten now (another desk was writing): the next erasure or retention run rewrites it; `gdpr verify-erased` shows what is left</source>
        <translation>  indeksu pełnotekstowego nie dało się teraz przepisać (inny desk zapisywał): przepisze go następne usunięcie lub przebieg retencji; `gdpr verify-erased` pokazuje, co zostało</translation>
    </message>
    <message>
        <source>  the full-text index and the file were rewritten, but another desk still reads the journal: run `gdpr verify-erased` again once the other desks closed</source>
        <translation>  indeks pełnotekstowy i plik przepisano, ale inny desk wciąż czyta dziennik: uruchom `gdpr verify-erased` ponownie, gdy inne deski zostaną zamknięte</translation>
    </message>
    <message>
        <source>  the full-text index, the file and its journal were rewritten</source>
        <translation>  przepisano indeks pełnotekstowy, plik i jego dziennik</translation>
    </message>
    <message>
        <source>none of the values found (%1 tables, %2 rows, %3 PDFs, %4 raw bytes, %5 drafts read)</source>
        <translation>nie znaleziono żadnej z wartości (przeczytano: tabele %1, wiersze %2, pliki PDF %3, surowe bajty %4, szkice %5)</translation>
    </message>
    <message>
        <source>held by other contacts too (%1), theirs and kept: %2 place(s)</source>
        <translation>mają je też inne kontakty (%1), ich dane zachowano: miejsca %2</translation>
    </message>
    <message>
        <source>%1 contact(s) would be anonymised (tickets all closed before %2)</source>
        <translation>kontakty do anonimizacji: %1 (wszystkie zgłoszenia zamknięte przed %2)</translation>
    </message>
    <message>
        <source>%1 of %2 contact(s) anonymised</source>
        <translation>zanonimizowano kontakty: %1 z %2</translation>
    </message>
    <message>
        <source>contact</source>
        <translation>kontakt</translation>
    </message>
    <message>
        <source>company</source>
        <translation>firma</translation>
    </message>
    <message>
        <source>last change</source>
        <translation>ostatnia zmiana</translation>
    </message>
    <message>
        <source>  contact %1 skipped: %2</source>
        <translation>  pominięto kontakt %1: %2</translation>
    </message>
    <message>
        <source>the running desk took the call (%1) of %2</source>
        <translation>działający desk przyjął połączenie (%1) z %2</translation>
    </message>
    <message>
        <source>HEZO Desk is already open on this database: it came to the front</source>
        <translation>HEZO Desk jest już otwarty na tej bazie: przeniesiono go na wierzch</translation>
    </message>
    <message>
        <source>reading %1: %2 rows%3</source>
        <translation>odczyt %1: wiersze %2%3</translation>
    </message>
    <message>
        <source>checking the rules: step %1 of %2</source>
        <translation>sprawdzanie reguł: krok %1 z %2</translation>
    </message>
    <message>
        <source>writing companies, contracts, services: %1/%2</source>
        <translation>zapis firm, umów i usług: %1/%2</translation>
    </message>
    <message>
        <source>tickets %1/%2%3, messages %4, attachments %5, flagged %6</source>
        <translation>zgłoszenia %1/%2%3, wiadomości %4, załączniki %5, oznaczone %6</translation>
    </message>
    <message>
        <source>import finished</source>
        <translation>import zakończony</translation>
    </message>
    <message>
        <source> · %1 left</source>
        <translation> · zostało %1</translation>
    </message>
    <message>
        <source>cancelling after the unit in flight (Ctrl-C again to stop at once)</source>
        <translation>przerywanie po bieżącej jednostce (ponowne Ctrl-C zatrzymuje od razu)</translation>
    </message>
    <message>
        <source>full report: %1</source>
        <translation>pełny raport: %1</translation>
    </message>
    <message>
        <source>the lists are shortened; --report FILE writes every row</source>
        <translation>listy są skrócone; --report PLIK zapisuje każdy wiersz</translation>
    </message>
    <message>
        <source>  (none)</source>
        <translation>  (brak)</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>tak</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>%1: %2 may now see this ticket (at the request of %3, %4; version %5)</source>
        <translation>%1: %2 widzi teraz to zgłoszenie (na prośbę: %3, %4; wersja %5)</translation>
    </message>
    <message>
        <source>%1: %2 may no longer see this ticket (at the request of %3, %4; version %5)</source>
        <translation>%1: %2 nie widzi już tego zgłoszenia (na prośbę: %3, %4; wersja %5)</translation>
    </message>
    <message>
        <source>  reseller:        %1</source>
        <translation>  reseller:          %1</translation>
    </message>
    <message>
        <source>(none: no contract linked)</source>
        <translation>(brak: nie powiązano umowy)</translation>
    </message>
    <message>
        <source>  reseller access: %1</source>
        <translation>  dostęp resellera:  %1</translation>
    </message>
    <message>
        <source>  version:         %1</source>
        <translation>  wersja:            %1</translation>
    </message>
    <message>
        <source>  decision needed: the customer has not decided about %1; ask and record it (--grant or --revoke)</source>
        <translation>  potrzebna decyzja: klient nie zdecydował w sprawie %1; zapytaj i zapisz (--grant lub --revoke)</translation>
    </message>
    <message>
        <source>when</source>
        <translation>kiedy</translation>
    </message>
    <message>
        <source>decision</source>
        <translation>decyzja</translation>
    </message>
    <message>
        <source>requested by</source>
        <translation>na prośbę</translation>
    </message>
    <message>
        <source>channel</source>
        <translation>kanał</translation>
    </message>
    <message>
        <source>recorded by</source>
        <translation>zapisał(a)</translation>
    </message>
    <message>
        <source>note</source>
        <translation>notatka</translation>
    </message>
    <message>
        <source>(ended by the desk)</source>
        <translation>(zakończone przez desk)</translation>
    </message>
    <message>
        <source>access</source>
        <translation>dostęp</translation>
    </message>
    <message>
        <source>no access</source>
        <translation>brak dostępu</translation>
    </message>
    <message>
        <source>access → no access (the ticket moved from %1 to %2)</source>
        <translation>dostęp → brak dostępu (zgłoszenie przeszło od %1 do %2)</translation>
    </message>
    <message>
        <source>%1 (asked when the ticket was opened)</source>
        <translation>%1 (zapytano przy otwarciu zgłoszenia)</translation>
    </message>
    <message>
        <source>legacy id</source>
        <translation>id w starym systemie</translation>
    </message>
    <message>
        <source>active contracts</source>
        <translation>aktywne umowy</translation>
    </message>
    <message>
        <source>visible tickets</source>
        <translation>widoczne zgłoszenia</translation>
    </message>
    <message>
        <source>db roles</source>
        <translation>role bazy</translation>
    </message>
    <message>
        <source>%1: %2 ticket(s) it may see</source>
        <translation>%1: zgłoszenia, które może widzieć: %2</translation>
    </message>
    <message>
        <source>messages</source>
        <translation>wiadomości</translation>
    </message>
    <message>
        <source>files</source>
        <translation>pliki</translation>
    </message>
    <message>
        <source>  for:        %1</source>
        <translation>  dla:        %1</translation>
    </message>
    <message>
        <source>  customer:   %1</source>
        <translation>  klient:     %1</translation>
    </message>
    <message>
        <source>  state:      %1</source>
        <translation>  stan:       %1</translation>
    </message>
    <message>
        <source>  opened:     %1</source>
        <translation>  otwarte:    %1</translation>
    </message>
    <message>
        <source>size</source>
        <translation>rozmiar</translation>
    </message>
    <message>
        <source>role %1 may now read the views of schema reseller_portal (tickets, messages, attachments) for %2, and nothing else</source>
        <translation>rola %1 może teraz czytać widoki schematu reseller_portal (zgłoszenia, wiadomości, załączniki) dla %2 i nic więcej</translation>
    </message>
    <message>
        <source>PostgreSQL lets every role connect to every database of the server unless its pg_hba.conf says otherwise; these lines keep the role to this one (the server&apos;s other databases are not the desk&apos;s to change):</source>
        <translation>PostgreSQL pozwala każdej roli łączyć się z każdą bazą serwera, chyba że jego pg_hba.conf mówi inaczej; te wiersze ograniczają rolę do tej bazy (innych baz serwera desk nie zmienia):</translation>
    </message>
    <message>
        <source>role %1 no longer reads for %2; dropped</source>
        <translation>rola %1 nie czyta już dla %2; usunięto ją</translation>
    </message>
    <message>
        <source>role %1 no longer reads for %2; the server role was kept (%3)</source>
        <translation>rola %1 nie czyta już dla %2; rolę na serwerze zachowano (%3)</translation>
    </message>
    <message>
        <source>created</source>
        <translation>utworzono</translation>
    </message>
    <message>
        <source>by</source>
        <translation>przez</translation>
    </message>
    <message>
        <source>INTERNAL NOTE</source>
        <translation>NOTATKA WEWNĘTRZNA</translation>
    </message>
    <message>
        <source>opened %1 on %2 %3: %4 (reseller access: %5)</source>
        <translation>otwarto %1 na %2 %3: %4 (dostęp resellera: %5)</translation>
    </message>
    <message>
        <source>internal note added to %1</source>
        <translation>dodano notatkę wewnętrzną do %1</translation>
    </message>
    <message>
        <source>reply added to %1</source>
        <translation>dodano odpowiedź do %1</translation>
    </message>
    <message>
        <source>%1: %2, priority %3, assignee %4 (version %5)</source>
        <translation>%1: %2, priorytet %3, odpowiedzialny %4 (wersja %5)</translation>
    </message>
    <message>
        <source>serial</source>
        <translation>numer seryjny</translation>
    </message>
    <message>
        <source>assignee</source>
        <translation>odpowiedzialny</translation>
    </message>
    <message>
        <source>legacy number</source>
        <translation>numer w starym systemie</translation>
    </message>
    <message>
        <source>opened</source>
        <translation>otwarte</translation>
    </message>
    <message>
        <source>version</source>
        <translation>wersja</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Załączniki</translation>
    </message>
    <message>
        <source>id</source>
        <translation>id</translation>
    </message>
    <message>
        <source>sha256</source>
        <translation>sha256</translation>
    </message>
    <message>
        <source>attached %1 (%2 bytes) to %3</source>
        <translation>załączono %1 (bajty: %2) do %3</translation>
    </message>
    <message>
        <source>password of %1: </source>
        <translation>hasło %1: </translation>
    </message>
    <message>
        <source>%1 to %2: wrote %3</source>
        <translation>od %1 do %2: zapisano %3</translation>
    </message>
    <message>
        <source>calendar</source>
        <translation>kalendarz</translation>
    </message>
    <message>
        <source>built-in</source>
        <translation>wbudowany</translation>
    </message>
    <message>
        <source>response c/h/n/l</source>
        <translation>reakcja k/w/n/n</translation>
    </message>
    <message>
        <source>resolution c/h/n/l</source>
        <translation>rozwiązanie k/w/n/n</translation>
    </message>
    <message>
        <source>service level %1 removed</source>
        <translation>usunięto poziom obsługi %1</translation>
    </message>
    <message>
        <source>%1 (%2, contract %3): service level %4</source>
        <translation>%1 (%2, umowa %3): poziom obsługi %4</translation>
    </message>
    <message>
        <source>%1 min (%2)</source>
        <translation>%1 min (%2)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>brak</translation>
    </message>
    <message>
        <source>next business day, 16:00</source>
        <translation>następny dzień roboczy, 16:00</translation>
    </message>
    <message>
        <source>service level %1</source>
        <translation>poziom obsługi %1</translation>
    </message>
    <message>
        <source>calendar: %1</source>
        <translation>kalendarz: %1</translation>
    </message>
    <message>
        <source>built-in: %1</source>
        <translation>wbudowany: %1</translation>
    </message>
    <message>
        <source>services on it: %1</source>
        <translation>usługi na tym poziomie: %1</translation>
    </message>
    <message>
        <source>response</source>
        <translation>reakcja</translation>
    </message>
    <message>
        <source>resolution</source>
        <translation>rozwiązanie</translation>
    </message>
    <message>
        <source>language</source>
        <translation>język</translation>
    </message>
    <message>
        <source>first line</source>
        <translation>pierwszy wiersz</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>zmieniono</translation>
    </message>
    <message>
        <source>template added: %1 (%2)</source>
        <translation>dodano szablon: %1 (%2)</translation>
    </message>
    <message>
        <source>template changed: %1 (%2)</source>
        <translation>zmieniono szablon: %1 (%2)</translation>
    </message>
    <message>
        <source>template removed: %1 (%2)</source>
        <translation>usunięto szablon: %1 (%2)</translation>
    </message>
</context>
<context>
    <name>ContractsModel</name>
    <message>
        <source>Number</source>
        <translation>Numer</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Klient</translation>
    </message>
    <message>
        <source>Tax id</source>
        <translation>NIP</translation>
    </message>
    <message>
        <source>Reseller</source>
        <translation>Reseller</translation>
    </message>
    <message>
        <source>Term</source>
        <translation>Okres</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stan</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>Usługi</translation>
    </message>
</context>
<context>
    <name>ContractsScreen</name>
    <message>
        <source>Contract number, tax id or customer name</source>
        <translation>Numer umowy, NIP lub nazwa klienta</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>Wszystkie stany</translation>
    </message>
    <message>
        <source>All resellers</source>
        <translation>Wszyscy resellerzy</translation>
    </message>
    <message>
        <source>Expiring within</source>
        <translation>Wygasające w ciągu</translation>
    </message>
    <message>
        <source>Active contracts whose term ends in the next days</source>
        <translation>Aktywne umowy, których okres kończy się w najbliższych dniach</translation>
    </message>
    <message>
        <source> days</source>
        <translation> dni</translation>
    </message>
    <message>
        <source>Change service &amp;level…</source>
        <translation>Zmień poziom &amp;usługi…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln contract(s)</source>
        <translation>
            <numerusform>%Ln umowa</numerusform>
            <numerusform>%Ln umowy</numerusform>
            <numerusform>%Ln umów</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose a contract to see its services.</source>
        <translation>Wybierz umowę, aby zobaczyć jej usługi.</translation>
    </message>
    <message>
        <source>Services of contract %1 (%2)</source>
        <translation>Usługi umowy %1 (%2)</translation>
    </message>
    <message>
        <source>Service level of %1: %2 (by its product)</source>
        <translation>Poziom obsługi %1: %2 (według produktu)</translation>
    </message>
    <message>
        <source>Service level of %1: %2</source>
        <translation>Poziom obsługi %1: %2</translation>
    </message>
</context>
<context>
    <name>DashboardScreen</name>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Od:</translation>
    </message>
    <message>
        <source>T&amp;o:</source>
        <translation>&amp;Do:</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>Odśw&amp;ież</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Liczenie…</translation>
    </message>
    <message>
        <source>%1 to %2 (Warsaw days): %3 opened, %4 closed, %5 open at the end</source>
        <translation>Od %1 do %2 (dni czasu warszawskiego): otwarte %3, zamknięte %4, otwarte na koniec %5</translation>
    </message>
    <message>
        <source>Targets met vs breached by service level</source>
        <translation>Cele dotrzymane i przekroczone wg poziomu obsługi</translation>
    </message>
    <message>
        <source>Targets met vs breached by agent</source>
        <translation>Cele dotrzymane i przekroczone wg agenta</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Otwarte</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Zamknięte</translation>
    </message>
    <message>
        <source>Tickets opened vs closed per day</source>
        <translation>Zgłoszenia otwarte i zamknięte dziennie</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nowe</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>W toku</translation>
    </message>
    <message>
        <source>Waiting for customer</source>
        <translation>Czeka na klienta</translation>
    </message>
    <message>
        <source>Open backlog by state at the end of each day</source>
        <translation>Otwarte zgłoszenia wg stanu na koniec dnia</translation>
    </message>
    <message>
        <source>Response met</source>
        <translation>Reakcja w terminie</translation>
    </message>
    <message>
        <source>Response breached</source>
        <translation>Reakcja po terminie</translation>
    </message>
    <message>
        <source>Resolution met</source>
        <translation>Rozwiązanie w terminie</translation>
    </message>
    <message>
        <source>Resolution breached</source>
        <translation>Rozwiązanie po terminie</translation>
    </message>
    <message>
        <source>No ticket with a service level was opened in this period.</source>
        <translation>W tym okresie nie otwarto żadnego zgłoszenia z poziomem obsługi.</translation>
    </message>
    <message>
        <source>(unassigned)</source>
        <translation>(nieprzypisane)</translation>
    </message>
    <message>
        <source>Day (Warsaw time)</source>
        <translation>Dzień (czas warszawski)</translation>
    </message>
    <message>
        <source>Tickets</source>
        <translation>Zgłoszenia</translation>
    </message>
</context>
<context>
    <name>Desk</name>
    <message>
        <source>The call of %1 is not in the call journal: %2</source>
        <translation>Połączenia z %1 nie zapisano w dzienniku połączeń: %2</translation>
    </message>
    <message>
        <source>Opening the database was cancelled.</source>
        <translation>Otwieranie bazy danych zostało anulowane.</translation>
    </message>
    <message>
        <source>Cannot open the database</source>
        <translation>Nie można otworzyć bazy danych</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Ustawienia…</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>Spróbuj &amp;ponownie</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Zakończ</translation>
    </message>
    <message>
        <source>Opening the database and checking its schema…</source>
        <translation>Otwieranie bazy danych i sprawdzanie jej schematu…</translation>
    </message>
    <message>
        <source>Upgrading the database schema…</source>
        <translation>Aktualizowanie schematu bazy danych…</translation>
    </message>
    <message>
        <source>Loading demo data…</source>
        <translation>Wczytywanie danych demonstracyjnych…</translation>
    </message>
    <message>
        <source>Database password</source>
        <translation>Hasło do bazy danych</translation>
    </message>
    <message>
        <source>Password of %1 on %2 (leave empty if none):</source>
        <translation>Hasło użytkownika %1 do %2 (puste, jeśli go nie ma):</translation>
    </message>
    <message>
        <source>Reading the accounts…</source>
        <translation>Odczytywanie kont…</translation>
    </message>
    <message>
        <source>Reading the accounts was cancelled.</source>
        <translation>Odczytywanie kont zostało anulowane.</translation>
    </message>
    <message>
        <source>Cannot read the accounts</source>
        <translation>Nie można odczytać kont</translation>
    </message>
    <message>
        <source>Demo database: sign in as %1 with the password %2.</source>
        <translation>Baza demonstracyjna: zaloguj się jako %1 hasłem %2.</translation>
    </message>
</context>
<context>
    <name>DetailsPage</name>
    <message>
        <source>The caller&apos;s contact details</source>
        <translation>Dane kontaktowe dzwoniącego</translation>
    </message>
    <message>
        <source>The person who will sign in to the portal.</source>
        <translation>Osoba, która będzie logować się do portalu.</translation>
    </message>
    <message>
        <source>&amp;Register</source>
        <translation>&amp;Zarejestruj</translation>
    </message>
    <message>
        <source>Polish</source>
        <translation>polski</translation>
    </message>
    <message>
        <source>English</source>
        <translation>angielski</translation>
    </message>
    <message>
        <source>&amp;Update that contact with these details</source>
        <translation>&amp;Zaktualizuj ten kontakt tymi danymi</translation>
    </message>
    <message>
        <source>&amp;First name:</source>
        <translation>&amp;Imię:</translation>
    </message>
    <message>
        <source>&amp;Last name:</source>
        <translation>&amp;Nazwisko:</translation>
    </message>
    <message>
        <source>&amp;E-mail:</source>
        <translation>&amp;E-mail:</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>&amp;Telefon:</translation>
    </message>
    <message>
        <source>Lan&amp;guage:</source>
        <translation>Ję&amp;zyk:</translation>
    </message>
    <message>
        <source>%1 is already registered: %2, phone %3, registered %4. Nothing was added. Update that contact with the details above, or correct the e-mail.</source>
        <translation>%1 jest już zarejestrowany: %2, telefon %3, zarejestrowany %4. Niczego nie dodano. Zaktualizuj ten kontakt powyższymi danymi albo popraw e-mail.</translation>
    </message>
    <message>
        <source>The facts no longer pass: %1</source>
        <translation>Dane autoryzacyjne nie są już poprawne: %1</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <source>Registered</source>
        <translation>Zarejestrowano</translation>
    </message>
    <message>
        <source>Contract</source>
        <translation>Umowa</translation>
    </message>
    <message>
        <source>Reseller</source>
        <translation>Reseller</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Do</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>Usługi</translation>
    </message>
    <message>
        <source>Serial (new notation)</source>
        <translation>Numer seryjny (nowy zapis)</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>Zgłoszenie</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Temat</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stan</translation>
    </message>
    <message>
        <source>Migrated</source>
        <translation>Przeniesione</translation>
    </message>
    <message>
        <source>Legacy number</source>
        <translation>Numer w starym systemie</translation>
    </message>
    <message>
        <source>Active contracts the contact now sees:</source>
        <translation>Aktywne umowy, które kontakt teraz widzi:</translation>
    </message>
    <message>
        <source>Serials, as the portal shows them:</source>
        <translation>Numery seryjne, tak jak pokazuje je portal:</translation>
    </message>
    <message>
        <source>Open tickets of the company (migrated ones too):</source>
        <translation>Otwarte zgłoszenia firmy (także przeniesione):</translation>
    </message>
    <message>
        <source>%1 &lt;%2&gt; is registered for %3</source>
        <translation>%1 &lt;%2&gt; jest zarejestrowany dla firmy %3</translation>
    </message>
    <message>
        <source>%1 &lt;%2&gt; was updated (no second contact was added) for %3</source>
        <translation>%1 &lt;%2&gt; zaktualizowano (nie dodano drugiego kontaktu) dla firmy %3</translation>
    </message>
    <message>
        <source>In the portal the caller types the serial as:</source>
        <translation>W portalu dzwoniący wpisuje numer seryjny jako:</translation>
    </message>
</context>
<context>
    <name>DueCountdown</name>
    <message>
        <source>Service level</source>
        <translation>Poziom obsługi</translation>
    </message>
    <message>
        <source>Response due</source>
        <translation>Termin reakcji</translation>
    </message>
    <message>
        <source>Resolution due</source>
        <translation>Termin rozwiązania</translation>
    </message>
    <message>
        <source>none</source>
        <comment>no service level</comment>
        <translation>brak</translation>
    </message>
    <message>
        <source>%1 (%2 left)</source>
        <translation>%1 (zostało %2)</translation>
    </message>
    <message>
        <source>%1 (overdue %2)</source>
        <translation>%1 (po terminie %2)</translation>
    </message>
    <message>
        <source>met</source>
        <translation>dotrzymany</translation>
    </message>
    <message>
        <source>met at %1 (due %2)</source>
        <translation>dotrzymany %1 (termin %2)</translation>
    </message>
    <message>
        <source>breached (due %1)</source>
        <translation>niedotrzymany (termin %1)</translation>
    </message>
    <message>
        <source>breached</source>
        <translation>niedotrzymany</translation>
    </message>
    <message>
        <source>breached by %1 (due %2)</source>
        <translation>przekroczony o %1 (termin %2)</translation>
    </message>
    <message>
        <source>paused (waiting for the customer)</source>
        <translation>wstrzymany (oczekiwanie na klienta)</translation>
    </message>
    <message>
        <source>no target</source>
        <translation>bez celu</translation>
    </message>
</context>
<context>
    <name>DueWords</name>
    <message>
        <source>%1 d %2 h</source>
        <comment>days and hours</comment>
        <translation>%1 dn. %2 h</translation>
    </message>
    <message>
        <source>%1 h</source>
        <comment>hours</comment>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <comment>hours and minutes</comment>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 min</source>
        <comment>minutes</comment>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>overdue %1</source>
        <comment>a due passed that long ago</comment>
        <translation>zwłoka %1</translation>
    </message>
    <message>
        <source>paused</source>
        <comment>the service-level clock, while the customer is awaited</comment>
        <translation>wstrzymany</translation>
    </message>
    <message>
        <source>met</source>
        <comment>a service-level target</comment>
        <translation>dotrzymany</translation>
    </message>
    <message>
        <source>breached</source>
        <comment>a service-level target</comment>
        <translation>niedotrzymany</translation>
    </message>
    <message>
        <source>Past its due: the service-level target is breached</source>
        <translation>Po terminie: cel poziomu obsługi niedotrzymany</translation>
    </message>
    <message>
        <source>Due within the hour</source>
        <translation>Termin w ciągu godziny</translation>
    </message>
    <message>
        <source>The clock stands while the ticket waits for the customer</source>
        <translation>Zegar stoi, dopóki zgłoszenie czeka na klienta</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Unexpected error: %1</source>
        <translation>Nieoczekiwany błąd: %1</translation>
    </message>
    <message>
        <source>Name the person: an e-mail, a phone or a contact id.</source>
        <translation>Wskaż osobę: e-mail, telefon lub identyfikator kontaktu.</translation>
    </message>
    <message>
        <source>No contact has the id %1.</source>
        <translation>Żaden kontakt nie ma identyfikatora %1.</translation>
    </message>
    <message>
        <source>No contact has the e-mail %1.</source>
        <translation>Żaden kontakt nie ma adresu e-mail %1.</translation>
    </message>
    <message>
        <source>No contact has the phone %1.</source>
        <translation>Żaden kontakt nie ma telefonu %1.</translation>
    </message>
    <message>
        <source>“%1” is neither an e-mail, nor a phone, nor a contact id (e.g. #12).</source>
        <translation>„%1” nie jest ani adresem e-mail, ani telefonem, ani identyfikatorem kontaktu (np. #12).</translation>
    </message>
    <message>
        <source>The phone %1 belongs to several contacts (ids %2): choose one by its id.</source>
        <translation>Telefon %1 należy do kilku kontaktów (identyfikatory %2): wybierz jeden po identyfikatorze.</translation>
    </message>
    <message>
        <source>The %1 is too long: %2 characters, at most %3 fit</source>
        <translation>Pole „%1” jest za długie (długość: %2, najwięcej: %3)</translation>
    </message>
    <message>
        <source>%1 is a name PostgreSQL reserves for itself; choose another role name</source>
        <translation>%1 to nazwa zastrzeżona przez PostgreSQL; wybierz inną nazwę roli</translation>
    </message>
    <message>
        <source>The template uses the unknown placeholder %1; the desk knows %3</source>
        <translation>Szablon używa nieznanego pola %1; program zna pola %3</translation>
    </message>
    <message>
        <source>The template has no name</source>
        <translation>Szablon nie ma nazwy</translation>
    </message>
    <message>
        <source>The template&apos;s name holds a control character (a line break, a tab, an escape or a direction mark); give it as one line of visible characters</source>
        <translation>Nazwa szablonu zawiera znak sterujący (podział wiersza, tabulator, znak escape lub znak kierunku tekstu); podaj ją jako jeden wiersz widocznych znaków</translation>
    </message>
    <message>
        <source>The template has no text</source>
        <translation>Szablon nie ma treści</translation>
    </message>
    <message>
        <source>The template contains a NUL character, which cannot be stored</source>
        <translation>Szablon zawiera znak NUL, którego nie można zapisać</translation>
    </message>
    <message>
        <source>A template named %1 in the language %2 exists already; choose another name</source>
        <translation>Szablon o nazwie %1 (język: %2) już istnieje; wybierz inną nazwę</translation>
    </message>
    <message>
        <source>No reply template is named %1</source>
        <translation>Nie ma szablonu odpowiedzi o nazwie %1</translation>
    </message>
    <message>
        <source>Templates named %1 exist in several languages; name the language (--language)</source>
        <translation>Szablony o nazwie %1 istnieją w kilku językach; podaj język (--language)</translation>
    </message>
    <message>
        <source>The template %1 was changed or removed by someone else meanwhile; read it again and redo your change</source>
        <translation>Ktoś inny zmienił lub usunął w międzyczasie szablon %1; wczytaj go ponownie i powtórz swoją zmianę</translation>
    </message>
    <message>
        <source>Name the service level.</source>
        <translation>Podaj nazwę poziomu obsługi.</translation>
    </message>
    <message>
        <source>The service level&apos;s name is too long: %2 characters, at most %1 fit.</source>
        <translation>Nazwa poziomu obsługi jest za długa (długość: %2, najwięcej: %1).</translation>
    </message>
    <message>
        <source>A service level named %1 already exists (letter case aside).</source>
        <translation>Poziom obsługi o nazwie %1 już istnieje (bez względu na wielkość liter).</translation>
    </message>
    <message>
        <source>The service level&apos;s name holds a control character (a line break, a tab, an escape or a direction mark); give it as one line of visible characters.</source>
        <translation>Nazwa poziomu obsługi zawiera znak sterujący (podział wiersza, tabulator, znak escape lub znak kierunku tekstu); podaj ją jako jeden wiersz widocznych znaków.</translation>
    </message>
    <message>
        <source>A target cannot be negative (%1 minutes).</source>
        <translation>Cel nie może być ujemny (%1 min).</translation>
    </message>
    <message>
        <source>A target of %1 minutes is more than the %2 a target may have.</source>
        <translation>Cel %1 min przekracza dopuszczalne %2 min.</translation>
    </message>
    <message>
        <source>“%1” is not a target: give PRIORITY=MINUTES, PRIORITY=nbd (next business day) or PRIORITY=none.</source>
        <translation>„%1” nie jest celem: podaj PRIORITY=MINUTY, PRIORITY=nbd (następny dzień roboczy) lub PRIORITY=none.</translation>
    </message>
    <message>
        <source>“%1” is not a priority: critical, high, normal or low.</source>
        <translation>„%1” nie jest priorytetem: critical, high, normal lub low.</translation>
    </message>
    <message>
        <source>“%1” is not a calendar: 24x7 or business-hours.</source>
        <translation>„%1” nie jest kalendarzem: 24x7 lub business-hours.</translation>
    </message>
    <message>
        <source>No service level is named %1 (see `hezo-desk service-level list`).</source>
        <translation>Nie ma poziomu obsługi o nazwie %1 (zob. `hezo-desk service-level list`).</translation>
    </message>
    <message>
        <source>The service level %1 is the level of %2 service(s): give them another level first.</source>
        <translation>Poziom obsługi %1 ma przypisane usługi (liczba: %2): najpierw przypisz im inny poziom.</translation>
    </message>
    <message>
        <source>The service level %1 is one the desk picks by itself (by product or for no service); it can be changed but not removed.</source>
        <translation>Poziom obsługi %1 jest wbudowany (desk wybiera go sam według produktu lub gdy brak usługi): można go zmienić, ale nie usunąć.</translation>
    </message>
    <message>
        <source>No service has the serial or notation %1.</source>
        <translation>Żadna usługa nie ma numeru seryjnego ani oznaczenia %1.</translation>
    </message>
    <message>
        <source>The serial %1 has several services (%2): name one by its notation.</source>
        <translation>Numer seryjny %1 ma kilka usług (%2): wskaż jedną po oznaczeniu.</translation>
    </message>
    <message>
        <source>The service level %1 was changed by someone else meanwhile; your change was not saved. Read it again and redo your change.</source>
        <translation>Ktoś inny zmienił w międzyczasie poziom obsługi %1; Twoja zmiana nie została zapisana. Sprawdź go ponownie i powtórz zmianę.</translation>
    </message>
    <message>
        <source>Choose a period from %1 to %2 that runs forward and spans at most %3 days</source>
        <translation>Wybierz okres od %1 do %2, który biegnie naprzód i obejmuje najwyżej %3 dni</translation>
    </message>
    <message>
        <source>no terminal to ask for the new password: use --new-password-stdin</source>
        <translation>brak terminala, by zapytać o nowe hasło: użyj --new-password-stdin</translation>
    </message>
    <message>
        <source>the passwords differ</source>
        <translation>hasła się różnią</translation>
    </message>
    <message>
        <source>nothing to change: give --role, --activate, --deactivate or --reset-password</source>
        <translation>nic do zmiany: podaj --role, --activate, --deactivate lub --reset-password</translation>
    </message>
    <message>
        <source>--limit must be at least 1</source>
        <translation>--limit musi wynosić co najmniej 1</translation>
    </message>
    <message>
        <source>“%1” is no day; write it as YYYY-MM-DD</source>
        <translation>„%1” to nie jest dzień; zapisz go jako RRRR-MM-DD</translation>
    </message>
    <message>
        <source>no phone number in “%1”: give one, e.g. `hezo-desk call %2`</source>
        <translation>brak numeru telefonu w „%1”: podaj go, np. `hezo-desk call %2`</translation>
    </message>
    <message>
        <source>no phone number: give one, e.g. `hezo-desk call %1`</source>
        <translation>brak numeru telefonu: podaj go, np. `hezo-desk call %1`</translation>
    </message>
    <message>
        <source>“%1” is not a phone number: digits with an optional leading +, spaces, dashes, dots and brackets between them</source>
        <translation>„%1” to nie jest numer telefonu: cyfry z opcjonalnym + na początku, spacjami, myślnikami, kropkami i nawiasami między nimi</translation>
    </message>
    <message>
        <source>“%1” is not a phone number: it has %2 digits (%3 to %4 expected)</source>
        <translation>„%1” to nie jest numer telefonu: ma %2 cyfr (oczekiwano od %3 do %4)</translation>
    </message>
    <message>
        <source>--password-stdin: the first line of standard input is empty</source>
        <translation>--password-stdin: pierwszy wiersz wejścia standardowego jest pusty</translation>
    </message>
    <message>
        <source>this command records who did it: name the acting agent with --agent LOGIN or %1 (see `hezo-desk agent list`)</source>
        <translation>to polecenie zapisuje, kto je wykonał: wskaż działającego konsultanta przez --agent LOGIN lub %1 (zob. `hezo-desk agent list`)</translation>
    </message>
    <message>
        <source>this command acts as %1 and needs their password: give it with --password-stdin or %2, let the desk remember it (sign in with “remember me”), or run the command on a terminal to be asked</source>
        <translation>to polecenie działa jako %1 i potrzebuje jego hasła: podaj je przez --password-stdin lub %2, pozwól desk je zapamiętać (zaloguj się z „zapamiętaj mnie”) albo uruchom polecenie w terminalu, by zostać zapytanym</translation>
    </message>
    <message>
        <source>give %1 either as text or as a file, not both</source>
        <translation>podaj %1 jako tekst albo jako plik, nie oba naraz</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>nie można odczytać %1: %2</translation>
    </message>
    <message>
        <source>%1 is not UTF-8 text</source>
        <translation>%1 to nie jest tekst UTF-8</translation>
    </message>
    <message>
        <source>%1 is missing: give it as text, with a file, or on standard input</source>
        <translation>brak: %1; podaj jako tekst, plik lub na wejściu standardowym</translation>
    </message>
    <message>
        <source>`desktop install` is for Linux desktops; on Windows register the tel: protocol as the README says (section &apos;Calls from a phone system&apos;)</source>
        <translation>`desktop install` jest dla pulpitów Linuksa; w Windows zarejestruj protokół tel: tak, jak opisuje README (sekcja „Calls from a phone system”)</translation>
    </message>
    <message>
        <source>the entry and icon are written, but %1</source>
        <translation>plik .desktop i ikona są zapisane, ale %1</translation>
    </message>
    <message>
        <source>--workers must be at least 1</source>
        <translation>--workers musi wynosić co najmniej 1</translation>
    </message>
    <message>
        <source>%1 does not exist; give an existing folder or a .pdf file</source>
        <translation>%1 nie istnieje; podaj istniejący folder lub plik .pdf</translation>
    </message>
    <message>
        <source>%1 is a file name, but %2 cases make %2 files: give a folder, or add --combined for one file</source>
        <translation>%1 to nazwa pliku, a spraw jest %2, czyli plików %2: podaj folder albo dodaj --combined, by powstał jeden plik</translation>
    </message>
    <message>
        <source>%1, and trying again for a while did not help; %2 may or may not have been saved: run `%3` to check before trying again</source>
        <translation>%1, a ponawianie przez pewien czas nie pomogło; %2 — nie wiadomo, czy zapisano: uruchom `%3`, by sprawdzić przed kolejną próbą</translation>
    </message>
    <message>
        <source>%1 is not a folder</source>
        <translation>%1 to nie jest folder</translation>
    </message>
    <message>
        <source>export a person&apos;s personal data</source>
        <translation>eksportować danych osobowych osoby</translation>
    </message>
    <message>
        <source>cannot create the folder %1: %2</source>
        <translation>nie można utworzyć folderu %1: %2</translation>
    </message>
    <message>
        <source>the call id is at most %1 printable characters on one line</source>
        <translation>identyfikator połączenia to najwyżej %1 drukowalnych znaków w jednym wierszu</translation>
    </message>
    <message>
        <source>no desk is running, and this command cannot open one</source>
        <translation>żaden desk nie działa, a to polecenie nie może go otworzyć</translation>
    </message>
    <message>
        <source>the folder %1 for the desk&apos;s socket is not yours alone (another user owns it or may enter it): remove it, or set XDG_RUNTIME_DIR to a folder of yours</source>
        <translation>folder %1 na gniazdo deska nie należy wyłącznie do ciebie (jest innego użytkownika lub inny może do niego wejść): usuń go albo ustaw XDG_RUNTIME_DIR na swój folder</translation>
    </message>
    <message>
        <source>a desk is running but did not answer within %1 s: is its window frozen? Close it and run the command again</source>
        <translation>desk działa, ale nie odpowiedział w ciągu %1 s: czy jego okno się zawiesiło? Zamknij je i uruchom polecenie ponownie</translation>
    </message>
    <message>
        <source>the running desk did not take the call (it answered “%1”): is it another version of HEZO Desk? Restart it</source>
        <translation>działający desk nie przyjął połączenia (odpowiedział „%1”): czy to inna wersja HEZO Desk? Uruchom go ponownie</translation>
    </message>
    <message>
        <source>say what the customer decided: --grant or --revoke</source>
        <translation>podaj decyzję klienta: --grant lub --revoke</translation>
    </message>
    <message>
        <source>say who asked for the change: --requested-by EMAIL-OR-NAME</source>
        <translation>podaj, kto prosił o zmianę: --requested-by E-MAIL-LUB-NAZWISKO</translation>
    </message>
    <message>
        <source>say how the customer asked: --channel %1</source>
        <translation>podaj, jak klient poprosił o zmianę: --channel %1</translation>
    </message>
    <message>
        <source>%1 may see nothing of %2: either the customer has not allowed it or the ticket&apos;s contract names another reseller</source>
        <translation>%1 nie może widzieć niczego z %2: klient na to nie pozwolił albo umowa zgłoszenia wskazuje innego resellera</translation>
    </message>
    <message>
        <source>the description</source>
        <translation>opis</translation>
    </message>
    <message>
        <source>the note</source>
        <translation>notatka</translation>
    </message>
    <message>
        <source>the reply</source>
        <translation>odpowiedź</translation>
    </message>
    <message>
        <source>nothing to change: give --state, --priority, --assign or --unassign</source>
        <translation>nic do zmiany: podaj --state, --priority, --assign lub --unassign</translation>
    </message>
    <message>
        <source>the change</source>
        <translation>zmiana</translation>
    </message>
    <message>
        <source>name the reseller: its tax id, legacy id or exact name</source>
        <translation>wskaż resellera: jego NIP, id ze starego systemu lub dokładną nazwę</translation>
    </message>
    <message>
        <source>no reseller has the tax id, legacy id or name “%1” (see `hezo-desk reseller list`)</source>
        <translation>żaden reseller nie ma NIP-u, id ze starego systemu ani nazwy „%1” (zob. `hezo-desk reseller list`)</translation>
    </message>
    <message>
        <source>“%1” names several resellers: %2; give its tax id</source>
        <translation>„%1” pasuje do kilku resellerów: %2; podaj NIP</translation>
    </message>
    <message>
        <source>say who asked for the change: a contact&apos;s e-mail or a person&apos;s name</source>
        <translation>podaj, kto prosił o zmianę: e-mail kontaktu lub imię i nazwisko osoby</translation>
    </message>
    <message>
        <source>no ticket with id %1</source>
        <translation>brak zgłoszenia o id %1</translation>
    </message>
    <message>
        <source>%1 is no registered contact of %2; give the person&apos;s name instead, or register them first</source>
        <translation>%1 nie jest zarejestrowanym kontaktem %2; podaj zamiast tego imię i nazwisko osoby albo najpierw ją zarejestruj</translation>
    </message>
    <message>
        <source>a customer states its decision by phone, e-mail, portal or web form, not by %1</source>
        <translation>klient przekazuje decyzję telefonicznie, e-mailem, przez portal lub formularz, nie kanałem: %1</translation>
    </message>
    <message>
        <source>the note has %1 characters; at most %2</source>
        <translation>notatka ma %1 znaków; najwyżej %2</translation>
    </message>
    <message>
        <source>%1: the reseller already has access; nothing to change</source>
        <translation>%1: reseller ma już dostęp; nic do zmiany</translation>
    </message>
    <message>
        <source>%1: the reseller has no access; nothing to change</source>
        <translation>%1: reseller nie ma dostępu; nic do zmiany</translation>
    </message>
    <message>
        <source>%1 is linked to no contract, so no reseller is named for it: there is no one to grant access to (link it to its contract first)</source>
        <translation>%1 nie jest powiązane z umową, więc nie wskazano dla niego resellera: nie ma komu udzielić dostępu (najpierw powiąż je z umową)</translation>
    </message>
    <message>
        <source>that contact is not one of the customer&apos;s of %1; only the customer decides about its reseller</source>
        <translation>ten kontakt nie należy do klienta %1; o resellerze decyduje tylko klient</translation>
    </message>
    <message>
        <source>say who asked for the change: a contact of the customer or the person&apos;s name</source>
        <translation>podaj, kto prosił o zmianę: kontakt klienta lub imię i nazwisko osoby</translation>
    </message>
    <message>
        <source>%1 (%2) may not %3; that needs the role %4</source>
        <translation>%1 (%2) nie może %3; wymaga to roli: %4</translation>
    </message>
    <message>
        <source>agent “%1” is deactivated</source>
        <translation>konsultant „%1” jest dezaktywowany</translation>
    </message>
    <message>
        <source>on a shared database the schema owner adds the first administrator: run `hezo-desk --database OWNER_URL agent add LOGIN --name NAME --role administrator` as the role that ran `db upgrade`; the desks&apos; role may not</source>
        <translation>we wspólnej bazie danych pierwszego administratora dodaje właściciel schematu: uruchom `hezo-desk --database URL_WŁAŚCICIELA agent add LOGIN --name NAZWA --role administrator` jako rola, która wykonała `db upgrade`; rola stanowisk tego nie może</translation>
    </message>
    <message>
        <source>display name is empty</source>
        <translation>nazwa wyświetlana jest pusta</translation>
    </message>
    <message>
        <source>name the acting administrator (--agent) to add an agent</source>
        <translation>wskaż działającego administratora (--agent), by dodać konsultanta</translation>
    </message>
    <message>
        <source>add agents</source>
        <translation>dodawać konsultantów</translation>
    </message>
    <message>
        <source>an agent with login “%1” already exists</source>
        <translation>konsultant z loginem „%1” już istnieje</translation>
    </message>
    <message>
        <source>you cannot deactivate your own account</source>
        <translation>nie możesz dezaktywować własnego konta</translation>
    </message>
    <message>
        <source>manage agents</source>
        <translation>zarządzać konsultantami</translation>
    </message>
    <message>
        <source>you cannot take the administrator role from yourself</source>
        <translation>nie możesz odebrać sobie roli administratora</translation>
    </message>
    <message>
        <source>wrong login or password, or the account is deactivated</source>
        <translation>zły login lub hasło albo konto jest dezaktywowane</translation>
    </message>
    <message>
        <source>no agent with login “%1”</source>
        <translation>brak konsultanta z loginem „%1”</translation>
    </message>
    <message>
        <source>login “%1” is not valid: 2 to 64 characters, lower-case letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;, starting with a letter or digit</source>
        <translation>login „%1” jest nieprawidłowy: od 2 do 64 znaków, małe litery, cyfry, „.”, „_” lub „-”, na początku litera lub cyfra</translation>
    </message>
    <message>
        <source>a password needs at least %1 characters</source>
        <translation>hasło musi mieć co najmniej %1 znaków</translation>
    </message>
    <message>
        <source>%1 is %2 MB; attachments may be at most %3 MB</source>
        <translation>%1 ma %2 MB; załącznik może mieć najwyżej %3 MB</translation>
    </message>
    <message>
        <source>read the audit log</source>
        <translation>czytać dziennika audytu</translation>
    </message>
    <message>
        <source>no call with id %1</source>
        <translation>brak połączenia o id %1</translation>
    </message>
    <message>
        <source>the call with %1 was changed by someone else meanwhile; your change was not saved</source>
        <translation>połączenie z %1 zmienił w międzyczasie ktoś inny; twojej zmiany nie zapisano</translation>
    </message>
    <message>
        <source>the call from %1 is being called back by someone else; nothing was changed</source>
        <translation>do %1 oddzwania już ktoś inny; niczego nie zmieniono</translation>
    </message>
    <message>
        <source>the call from %1 is being called back by %2; nothing was changed</source>
        <translation>do %1 oddzwania już %2; niczego nie zmieniono</translation>
    </message>
    <message>
        <source>the call from %1 is not waiting for a call-back</source>
        <translation>połączenie od %1 nie czeka na oddzwonienie</translation>
    </message>
    <message>
        <source>an outcome is at most %1 characters</source>
        <translation>wynik może mieć najwyżej %1 znaków</translation>
    </message>
    <message>
        <source>read the call statistics</source>
        <translation>czytać statystyk połączeń</translation>
    </message>
    <message>
        <source>--customers must be at least 1</source>
        <translation>--customers musi wynosić co najmniej 1</translation>
    </message>
    <message>
        <source>--tickets must not be negative</source>
        <translation>--tickets nie może być ujemne</translation>
    </message>
    <message>
        <source>the database already holds customers or tickets; demo data goes only into an empty database (use a new --database)</source>
        <translation>baza zawiera już klientów lub zgłoszenia; dane demonstracyjne trafiają tylko do pustej bazy (użyj nowej --database)</translation>
    </message>
    <message>
        <source>import the legacy system</source>
        <translation>importować starego systemu</translation>
    </message>
    <message>
        <source>cannot write the report to %1: no such folder</source>
        <translation>nie można zapisać raportu do %1: nie ma takiego folderu</translation>
    </message>
    <message>
        <source>the work folder %1 does not exist</source>
        <translation>folder roboczy %1 nie istnieje</translation>
    </message>
    <message>
        <source>cannot write the report to %1: %2</source>
        <translation>nie można zapisać raportu do %1: %2</translation>
    </message>
    <message>
        <source>another legacy import is writing to this database%1; wait until it has finished, then run this one again</source>
        <translation>inny import ze starego systemu zapisuje do tej bazy%1; poczekaj, aż się skończy, i uruchom ten ponownie</translation>
    </message>
    <message>
        <source>unknown encoding “%1” (use e.g. cp1250, utf-8 or utf-8-sig)</source>
        <translation>nieznane kodowanie „%1” (użyj np. cp1250, utf-8 lub utf-8-sig)</translation>
    </message>
    <message>
        <source>--encoding “%1”: “%2” is not a file of the export (%3)</source>
        <translation>--encoding „%1”: „%2” nie jest plikiem eksportu (%3)</translation>
    </message>
    <message>
        <source>%1 mixes encodings: it is not valid UTF-8 (offset %2) yet holds %3 Polish letter(s) written as UTF-8, so parts were saved as UTF-8 and parts as Windows-1250. Re-save it in one encoding, or choose one with --encoding %1=cp1250 or --encoding %1=utf-8</source>
        <translation>%1 miesza kodowania: nie jest poprawnym UTF-8 (pozycja %2), a zawiera polskie litery zapisane w UTF-8 (liczba: %3), więc część zapisano w UTF-8, a część w Windows-1250. Zapisz go w jednym kodowaniu albo wybierz je przez --encoding %1=cp1250 lub --encoding %1=utf-8</translation>
    </message>
    <message>
        <source>%1 is neither UTF-8 nor Windows-1250: %2 fits neither; give its encoding with --encoding %1=ENCODING</source>
        <translation>%1 nie jest ani w UTF-8, ani w Windows-1250: %2 nie pasuje do żadnego; podaj jego kodowanie przez --encoding %1=KODOWANIE</translation>
    </message>
    <message>
        <source>%1: the first line is not a header with the export&apos;s column names (expected e.g. %2; found “%3”)</source>
        <translation>%1: pierwszy wiersz nie jest nagłówkiem z nazwami kolumn eksportu (oczekiwano np. %2; jest „%3”)</translation>
    </message>
    <message>
        <source>%1 is not valid %2 in its first line: %3</source>
        <translation>%1 nie jest poprawnym %2 w pierwszym wierszu: %3</translation>
    </message>
    <message>
        <source>%1 is empty: a header row is expected</source>
        <translation>%1 jest pusty: oczekiwano wiersza nagłówka</translation>
    </message>
    <message>
        <source>%1 has no column %2 (its columns: %3)</source>
        <translation>%1 nie ma kolumny %2 (jego kolumny: %3)</translation>
    </message>
    <message>
        <source>%1 cannot be read past line %2: %3 (a quote that is never closed, or text after a closing quote). Nothing was imported; fix the quoting of that line and run the import again</source>
        <translation>%1 nie daje się czytać za wierszem %2: %3 (niezamknięty cudzysłów lub tekst po cudzysłowie zamykającym). Niczego nie zaimportowano; popraw cudzysłowy w tym wierszu i uruchom import ponownie</translation>
    </message>
    <message>
        <source>%1 is not valid %2 in line %3 (%4); choose another with --encoding %1=ENCODING</source>
        <translation>%1 nie jest poprawnym %2 w wierszu %3 (%4); wybierz inne przez --encoding %1=KODOWANIE</translation>
    </message>
    <message>
        <source>%1 does not exist: give the export folder or its zip</source>
        <translation>%1 nie istnieje: podaj folder eksportu lub jego zip</translation>
    </message>
    <message>
        <source>%1 is neither a folder nor a readable zip file: %2</source>
        <translation>%1 nie jest ani folderem, ani czytelnym plikiem zip: %2</translation>
    </message>
    <message>
        <source>%1 is not a complete legacy export: missing %2 (found %3)</source>
        <translation>%1 nie jest pełnym eksportem starego systemu: brak %2 (znaleziono %3)</translation>
    </message>
    <message>
        <source>%1 cannot be read from %2: %3</source>
        <translation>nie można odczytać %1 z %2: %3</translation>
    </message>
    <message>
        <source>%1 in %2 is damaged (%3): nothing was imported; zip the export again</source>
        <translation>%1 w %2 jest uszkodzony (%3): niczego nie zaimportowano; spakuj eksport ponownie</translation>
    </message>
    <message>
        <source>&apos;expiring within&apos; needs a number of days of 0 or more</source>
        <translation>„wygasa w ciągu” wymaga liczby dni co najmniej 0</translation>
    </message>
    <message>
        <source>cannot sort by “%1”; this list sorts by %2</source>
        <translation>nie można sortować po „%1”; ta lista sortuje po: %2</translation>
    </message>
    <message>
        <source>the lookup is empty: type a tax id, contract, serial, ticket, phone, e-mail or the start of a company name</source>
        <translation>wyszukiwanie jest puste: wpisz NIP, umowę, numer seryjny, zgłoszenie, telefon, e-mail lub początek nazwy firmy</translation>
    </message>
    <message>
        <source>tax id %1</source>
        <translation>NIP %1</translation>
    </message>
    <message>
        <source>contract number</source>
        <translation>numer umowy</translation>
    </message>
    <message>
        <source>serial %1</source>
        <translation>numer seryjny %1</translation>
    </message>
    <message>
        <source>ticket %1</source>
        <translation>zgłoszenie %1</translation>
    </message>
    <message>
        <source>legacy ticket %1</source>
        <translation>zgłoszenie %1 ze starego systemu</translation>
    </message>
    <message>
        <source>phone %1</source>
        <translation>telefon %1</translation>
    </message>
    <message>
        <source>e-mail %1</source>
        <translation>e-mail %1</translation>
    </message>
    <message>
        <source>company name</source>
        <translation>nazwa firmy</translation>
    </message>
    <message>
        <source>no customer with id %1</source>
        <translation>brak klienta o id %1</translation>
    </message>
    <message>
        <source>no migration run %1</source>
        <translation>brak przebiegu migracji %1</translation>
    </message>
    <message>
        <source>no cases to export</source>
        <translation>brak spraw do eksportu</translation>
    </message>
    <message>
        <source>%1 is a file; one PDF per case needs a folder</source>
        <translation>%1 to plik; jeden PDF na sprawę wymaga folderu</translation>
    </message>
    <message>
        <source>it is linked to no contract, so no reseller is named for it</source>
        <translation>nie jest powiązane z umową, więc nie wskazano dla niego resellera</translation>
    </message>
    <message>
        <source>the customer has not allowed its reseller to see it</source>
        <translation>klient nie pozwolił swojemu resellerowi go widzieć</translation>
    </message>
    <message>
        <source>the reseller access rule gives nothing for it</source>
        <translation>reguła dostępu resellera nic dla niego nie daje</translation>
    </message>
    <message>
        <source>%1: no reseller copy can be made, %2</source>
        <translation>%1: nie można utworzyć wersji dla resellera, %2</translation>
    </message>
    <message>
        <source>the folder %1 does not exist</source>
        <translation>folder %1 nie istnieje</translation>
    </message>
    <message>
        <source>the folder %1 is not writable</source>
        <translation>do folderu %1 nie można zapisywać</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>nie można zapisać %1: %2</translation>
    </message>
    <message>
        <source>contact %1 has open tickets (%2): close them first, or a supervisor overrides this with a reason (--override-reason)</source>
        <translation>kontakt %1 ma otwarte zgłoszenia (%2): najpierw je zamknij albo kierownik pominie to, podając powód (--override-reason)</translation>
    </message>
    <message>
        <source>contact %1 is already anonymised (person %2)</source>
        <translation>kontakt %1 jest już zanonimizowany (osoba %2)</translation>
    </message>
    <message>
        <source>erase a person&apos;s data</source>
        <translation>usuwać danych osoby</translation>
    </message>
    <message>
        <source>%1 (%2) may not erase the data of a person with open tickets; that needs a supervisor</source>
        <translation>%1 (%2) nie może usuwać danych osoby z otwartymi zgłoszeniami; wymaga to kierownika</translation>
    </message>
    <message>
        <source>no contact with the id %1</source>
        <translation>brak kontaktu o id %1</translation>
    </message>
    <message>
        <source>run the retention of personal data</source>
        <translation>uruchamiać retencji danych osobowych</translation>
    </message>
    <message>
        <source>%1 is in the future: retention concerns the past</source>
        <translation>%1 to przyszłość: retencja dotyczy przeszłości</translation>
    </message>
    <message>
        <source>“%1” is not a phone number</source>
        <translation>„%1” to nie jest numer telefonu</translation>
    </message>
    <message>
        <source>tax id</source>
        <translation>NIP</translation>
    </message>
    <message>
        <source>contract</source>
        <translation>umowa</translation>
    </message>
    <message>
        <source>serial number</source>
        <translation>numer seryjny</translation>
    </message>
    <message>
        <source>registration refused: %1</source>
        <translation>odmowa rejestracji: %1</translation>
    </message>
    <message>
        <source>%1 is already registered (%2, %3); update that contact instead of adding a second one</source>
        <translation>%1 jest już zarejestrowany (%2, %3); zaktualizuj ten kontakt zamiast dodawać drugi</translation>
    </message>
    <message>
        <source>%1 is already registered for another company; one e-mail address belongs to one contact</source>
        <translation>%1 jest już zarejestrowany dla innej firmy; jeden adres e-mail należy do jednego kontaktu</translation>
    </message>
    <message>
        <source>tax id is missing</source>
        <translation>brak NIP-u</translation>
    </message>
    <message>
        <source>%1 is a valid tax id, but no HEZO customer has it</source>
        <translation>%1 to poprawny NIP, ale nie ma go żaden klient HEZO</translation>
    </message>
    <message>
        <source>contract number is missing</source>
        <translation>brak numeru umowy</translation>
    </message>
    <message>
        <source>no contract numbered “%1”</source>
        <translation>brak umowy o numerze „%1”</translation>
    </message>
    <message>
        <source>contract %1 does not belong to the company %2</source>
        <translation>umowa %1 nie należy do firmy %2</translation>
    </message>
    <message>
        <source>contract %1 is %2 (term %3–%4); only active contracts authorise</source>
        <translation>umowa %1 ma stan: %2 (okres %3–%4); uprawniają tylko aktywne umowy</translation>
    </message>
    <message>
        <source>%1: active</source>
        <translation>%1: aktywna</translation>
    </message>
    <message>
        <source>serial number is missing</source>
        <translation>brak numeru seryjnego</translation>
    </message>
    <message>
        <source>%1 cannot be checked without a valid contract</source>
        <translation>%1 nie da się sprawdzić bez poprawnej umowy</translation>
    </message>
    <message>
        <source>serial %1 is not on contract %2 (it is on %3)</source>
        <translation>numeru seryjnego %1 nie ma na umowie %2 (jest na %3)</translation>
    </message>
    <message>
        <source>serial %1 is not on contract %2 (it is on another company&apos;s contract)</source>
        <translation>numeru seryjnego %1 nie ma na umowie %2 (jest na umowie innej firmy)</translation>
    </message>
    <message>
        <source>serial %1 is not on contract %2 (HEZO knows no such serial)</source>
        <translation>numeru seryjnego %1 nie ma na umowie %2 (HEZO nie zna takiego numeru)</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 na %2</translation>
    </message>
    <message>
        <source>first name is missing</source>
        <translation>brak imienia</translation>
    </message>
    <message>
        <source>last name is missing</source>
        <translation>brak nazwiska</translation>
    </message>
    <message>
        <source>“%1” is not an e-mail address (name@company.pl)</source>
        <translation>„%1” to nie jest adres e-mail (nazwa@firma.pl)</translation>
    </message>
    <message>
        <source>the role name is empty</source>
        <translation>nazwa roli jest pusta</translation>
    </message>
    <message>
        <source>a role name has at most %1 characters</source>
        <translation>nazwa roli ma najwyżej %1 znaków</translation>
    </message>
    <message>
        <source>“%1” is not a plain role name: use lower-case letters, digits and _ and start with a letter (e.g. partner_gesit)</source>
        <translation>„%1” to nie jest prosta nazwa roli: użyj małych liter, cyfr i _ i zacznij od litery (np. partner_gesit)</translation>
    </message>
    <message>
        <source>role names starting with %1 are reserved</source>
        <translation>nazwy ról zaczynające się od %1 są zastrzeżone</translation>
    </message>
    <message>
        <source>create reseller database roles</source>
        <translation>tworzyć ról bazodanowych resellerów</translation>
    </message>
    <message>
        <source>the password is empty</source>
        <translation>hasło jest puste</translation>
    </message>
    <message>
        <source>no reseller with id %1</source>
        <translation>brak resellera o id %1</translation>
    </message>
    <message>
        <source>the role %1 already reads for %2; one role speaks for one reseller (choose another name)</source>
        <translation>rola %1 czyta już dla %2; jedna rola działa dla jednego resellera (wybierz inną nazwę)</translation>
    </message>
    <message>
        <source>the server already has a role %1 that HEZO Desk did not create for a reseller; choose another name (the desk never takes over other roles)</source>
        <translation>serwer ma już rolę %1, której HEZO Desk nie utworzył dla resellera; wybierz inną nazwę (desk nigdy nie przejmuje innych ról)</translation>
    </message>
    <message>
        <source>revoke reseller database roles</source>
        <translation>odbierać ról bazodanowych resellerów</translation>
    </message>
    <message>
        <source>%1 is no reseller database role of this desk</source>
        <translation>%1 nie jest rolą bazodanową resellera w tym desku</translation>
    </message>
    <message>
        <source>reseller database roles exist only on a PostgreSQL server; a local SQLite file has no roles (run this against the shared database with --database)</source>
        <translation>role bazodanowe resellerów istnieją tylko na serwerze PostgreSQL; lokalny plik SQLite nie ma ról (uruchom to na wspólnej bazie z --database)</translation>
    </message>
    <message>
        <source>the database user may not manage roles (%1); connect as a user with CREATEROLE</source>
        <translation>użytkownik bazy nie może zarządzać rolami (%1); połącz się jako użytkownik z CREATEROLE</translation>
    </message>
    <message>
        <source>role %1 could create temporary tables in %2, and the desk&apos;s database role may not change that: let the owner of the database run `REVOKE TEMPORARY ON DATABASE %2 FROM PUBLIC` (and grant TEMPORARY to the desk&apos;s role), then grant again</source>
        <translation>rola %1 mogłaby tworzyć tabele tymczasowe w %2, a rola bazodanowa deska nie może tego zmienić: niech właściciel bazy wykona `REVOKE TEMPORARY ON DATABASE %2 FROM PUBLIC` (i nada TEMPORARY roli deska), po czym nadaj rolę ponownie</translation>
    </message>
    <message>
        <source>the connection to the database was lost</source>
        <translation>utracono połączenie z bazą danych</translation>
    </message>
    <message>
        <source>the database file is locked by another program</source>
        <translation>plik bazy danych jest zablokowany przez inny program</translation>
    </message>
    <message>
        <source>the change collided with another one made at the same moment</source>
        <translation>zmiana zderzyła się z inną, wprowadzoną w tej samej chwili</translation>
    </message>
    <message>
        <source>the database server is starting up or shutting down</source>
        <translation>serwer bazy danych się uruchamia lub zamyka</translation>
    </message>
    <message>
        <source>the database server has too many connections open</source>
        <translation>serwer bazy danych ma otwartych zbyt wiele połączeń</translation>
    </message>
    <message>
        <source>%1; reconnecting</source>
        <translation>%1; łączenie ponownie</translation>
    </message>
    <message>
        <source>%1; trying again</source>
        <translation>%1; ponawianie</translation>
    </message>
    <message>
        <source>link migrated tickets</source>
        <translation>wiązać zmigrowanych zgłoszeń</translation>
    </message>
    <message>
        <source>no contract with id %1</source>
        <translation>brak umowy o id %1</translation>
    </message>
    <message>
        <source>contract %1 belongs to another customer; %2 can only be linked to its own customer&apos;s contracts</source>
        <translation>umowa %1 należy do innego klienta; %2 można powiązać tylko z umowami jego klienta</translation>
    </message>
    <message>
        <source>that serial is not on contract %1</source>
        <translation>tego numeru seryjnego nie ma na umowie %1</translation>
    </message>
    <message>
        <source>%1 is already linked so</source>
        <translation>%1 jest już tak powiązane</translation>
    </message>
    <message>
        <source>mark migrated tickets reviewed</source>
        <translation>oznaczać zmigrowanych zgłoszeń jako przejrzane</translation>
    </message>
    <message>
        <source>%1 was already reviewed</source>
        <translation>%1 zostało już przejrzane</translation>
    </message>
    <message>
        <source>%1 was already reviewed by %2</source>
        <translation>%1 zostało już przejrzane przez: %2</translation>
    </message>
    <message>
        <source>%1 was not migrated from the legacy system</source>
        <translation>%1 nie zostało zmigrowane ze starego systemu</translation>
    </message>
    <message>
        <source>the keyring refused to read: %1</source>
        <translation>pęk kluczy odmówił odczytu: %1</translation>
    </message>
    <message>
        <source>the keyring refused to store: %1</source>
        <translation>pęk kluczy odmówił zapisu: %1</translation>
    </message>
    <message>
        <source>the keyring refused to delete: %1</source>
        <translation>pęk kluczy odmówił usunięcia: %1</translation>
    </message>
    <message>
        <source>serial number is empty</source>
        <translation>numer seryjny jest pusty</translation>
    </message>
    <message>
        <source>“%1”: there is no (H0); a single service is written (H)-…</source>
        <translation>„%1”: nie ma (H0); pojedynczą usługę zapisuje się (H)-…</translation>
    </message>
    <message>
        <source>“%1” holds no serial number</source>
        <translation>„%1” nie zawiera numeru seryjnego</translation>
    </message>
    <message>
        <source>a serial number has only letters and digits; “%1” contains %2</source>
        <translation>numer seryjny ma tylko litery i cyfry; „%1” zawiera %2</translation>
    </message>
    <message>
        <source>a serial number has %1 to %2 characters; “%3” has %4</source>
        <translation>numer seryjny ma od %1 do %2 znaków; „%3” ma %4</translation>
    </message>
    <message>
        <source>tax id is empty</source>
        <translation>NIP jest pusty</translation>
    </message>
    <message>
        <source>tax id “%1” starts with one letter; a country prefix has two (PL…)</source>
        <translation>NIP „%1” zaczyna się od jednej litery; prefiks kraju ma dwie (PL…)</translation>
    </message>
    <message>
        <source>“%1” is not the prefix of an EU member state; a Polish NIP starts with PL, other EU VAT ids with their country&apos;s prefix (DE, CZ, EL, …)</source>
        <translation>„%1” to nie jest prefiks państwa UE; polski NIP zaczyna się od PL, inne numery VAT UE od prefiksu swojego kraju (DE, CZ, EL, …)</translation>
    </message>
    <message>
        <source>tax id “%1” has no digits after PL</source>
        <translation>NIP „%1” nie ma cyfr po PL</translation>
    </message>
    <message>
        <source>a NIP has only digits; “%1” contains %2</source>
        <translation>NIP ma tylko cyfry; „%1” zawiera %2</translation>
    </message>
    <message>
        <source>“%1” contains non-ASCII digits</source>
        <translation>„%1” zawiera cyfry spoza ASCII</translation>
    </message>
    <message>
        <source>a NIP has 10 digits; “%1” has %2</source>
        <translation>NIP ma 10 cyfr; „%1” ma %2</translation>
    </message>
    <message>
        <source>a NIP cannot be all zeros</source>
        <translation>NIP nie może składać się z samych zer</translation>
    </message>
    <message>
        <source>checksum of “%1” is wrong: no valid NIP begins with %2 (probably a mistyped digit)</source>
        <translation>zła cyfra kontrolna „%1”: żaden poprawny NIP nie zaczyna się od %2 (pewnie pomylona cyfra)</translation>
    </message>
    <message>
        <source>checksum of “%1” is wrong: with these first nine digits the last digit would be %2, not %3 (probably a mistyped digit)</source>
        <translation>zła cyfra kontrolna „%1”: przy tych pierwszych dziewięciu cyfrach ostatnia byłaby %2, nie %3 (pewnie pomylona cyfra)</translation>
    </message>
    <message>
        <source>“%1” has the wrong length for a %2 VAT id</source>
        <translation>„%1” ma złą długość jak na numer VAT kraju %2</translation>
    </message>
    <message>
        <source>checksum of %1 VAT id “%2” is wrong</source>
        <translation>zła cyfra kontrolna numeru VAT kraju %1 „%2”</translation>
    </message>
    <message>
        <source>“%1” is not a valid %2 VAT id: %3</source>
        <translation>„%1” to nie jest poprawny numer VAT kraju %2: %3</translation>
    </message>
    <message>
        <source>“%1” is not in the format of a %2 VAT id</source>
        <translation>„%1” nie ma formatu numeru VAT kraju %2</translation>
    </message>
    <message>
        <source>ticket %1 was changed by someone else meanwhile (%2); your change was not saved</source>
        <translation>zgłoszenie %1 zmienił w międzyczasie ktoś inny (%2); twojej zmiany nie zapisano</translation>
    </message>
    <message>
        <source>its details</source>
        <translation>jego szczegóły</translation>
    </message>
    <message>
        <source>ticket number is empty</source>
        <translation>numer zgłoszenia jest pusty</translation>
    </message>
    <message>
        <source>no ticket “%1” (new numbers look like HD-000123)</source>
        <translation>brak zgłoszenia „%1” (nowe numery wyglądają jak HD-000123)</translation>
    </message>
    <message>
        <source>serial %1 is not on contract %2</source>
        <translation>numeru seryjnego %1 nie ma na umowie %2</translation>
    </message>
    <message>
        <source>%1 has several services on %2 (%3); give the serial in the new notation to choose one</source>
        <translation>%1 ma kilka usług na %2 (%3); podaj numer seryjny w nowym zapisie, by wybrać jedną</translation>
    </message>
    <message>
        <source>no registered contact “%1” at the contract&apos;s customer</source>
        <translation>brak zarejestrowanego kontaktu „%1” u klienta z umowy</translation>
    </message>
    <message>
        <source>no attachment with id %1</source>
        <translation>brak załącznika o id %1</translation>
    </message>
    <message>
        <source>the migration channel is reserved for the legacy import</source>
        <translation>kanał migracji jest zastrzeżony dla importu ze starego systemu</translation>
    </message>
    <message>
        <source>contract %1 is %2; tickets are opened on active contracts</source>
        <translation>umowa %1 ma stan: %2; zgłoszenia otwiera się na aktywnych umowach</translation>
    </message>
    <message>
        <source>that contact does not belong to the contract&apos;s customer</source>
        <translation>ten kontakt nie należy do klienta z umowy</translation>
    </message>
    <message>
        <source>nothing to change on %1: it is already so</source>
        <translation>nic do zmiany w %1: już tak jest</translation>
    </message>
    <message>
        <source>the attachment has no file name</source>
        <translation>załącznik nie ma nazwy pliku</translation>
    </message>
    <message>
        <source>that message key belongs to another message</source>
        <translation>ten klucz wiadomości należy do innej wiadomości</translation>
    </message>
    <message>
        <source>%1 is %2; reopen it before replying (an internal note is still possible)</source>
        <translation>%1 ma stan: %2; otwórz je ponownie przed odpowiedzią (notatka wewnętrzna jest nadal możliwa)</translation>
    </message>
    <message>
        <source>agent “%1” is deactivated and cannot be assigned tickets</source>
        <translation>konsultant „%1” jest dezaktywowany i nie można mu przydzielać zgłoszeń</translation>
    </message>
    <message>
        <source>subject is empty</source>
        <translation>temat jest pusty</translation>
    </message>
    <message>
        <source>%1 is empty</source>
        <translation>%1: pusto</translation>
    </message>
    <message>
        <source>%1 has %2 characters; at most %3 are allowed (attach long logs as files)</source>
        <translation>%1: znaków %2; dozwolone najwyżej %3 (długie logi załącz jako pliki)</translation>
    </message>
    <message>
        <source>%1 contains a NUL character, which cannot be stored</source>
        <translation>%1: zawiera znak NUL, którego nie można zapisać</translation>
    </message>
    <message>
        <source>no service level with id %1</source>
        <translation>nie ma poziomu obsługi o identyfikatorze %1</translation>
    </message>
    <message>
        <source>recompute the dues of a service level</source>
        <translation>przeliczać terminy poziomu obsługi</translation>
    </message>
    <message>
        <source>read the dashboard</source>
        <translation>oglądać pulpit</translation>
    </message>
    <message>
        <source>manage reply templates</source>
        <translation>zarządzać szablonami odpowiedzi</translation>
    </message>
    <message>
        <source>manage service levels</source>
        <translation>zarządzać poziomami obsługi</translation>
    </message>
    <message>
        <source>change a service&apos;s level</source>
        <translation>zmieniać poziom obsługi usługi</translation>
    </message>
    <message>
        <source>the database takes changes only from a signed-in agent: sign in (on the command line, name yourself with --agent)</source>
        <translation>baza danych przyjmuje zmiany tylko od zalogowanego agenta: zaloguj się (w wierszu poleceń podaj siebie przez --agent)</translation>
    </message>
    <message>
        <source>your session on the database has ended (signed out, account deactivated, or signed in over 16 hours ago); nothing of this was saved. Sign out and sign in again.</source>
        <translation>twoja sesja w bazie danych wygasła (wylogowanie, konto dezaktywowane albo logowanie ponad 16 godzin temu); nic z tego nie zostało zapisane. Wyloguj się i zaloguj ponownie.</translation>
    </message>
    <message>
        <source>this computer&apos;s clock differs from the database server&apos;s by more than two minutes, so the database refuses to record what was done; nothing of this was saved. Set the computer&apos;s clock right (automatic time) and try again.</source>
        <translation>zegar tego komputera różni się od zegara serwera bazy danych o ponad dwie minuty, więc baza odmawia zapisania tego, co zrobiono; nic z tego nie zostało zapisane. Ustaw poprawnie zegar komputera (czas automatyczny) i spróbuj ponownie.</translation>
    </message>
    <message>
        <source>the database refused this: your role may not do it (checked by the database itself); nothing of this was saved</source>
        <translation>baza danych odmówiła: twoja rola nie pozwala na to (sprawdza to sama baza danych); nic z tego nie zostało zapisane</translation>
    </message>
    <message>
        <source>the schema upgrade of %1 needs the schema owner&apos;s rights (and, once per server, CREATEROLE for the desks&apos; role hezo_desk); run `hezo-desk db upgrade` connected as the role that owns the tables or a superuser. Nothing was changed.</source>
        <translation>aktualizacja schematu %1 wymaga uprawnień właściciela schematu (a raz na serwer także CREATEROLE dla roli stanowisk hezo_desk); uruchom `hezo-desk db upgrade` połączony jako rola, do której należą tabele, albo jako superużytkownik. Nic nie zostało zmienione.</translation>
    </message>
    <message>
        <source>the template text</source>
        <translation>treść szablonu</translation>
    </message>
    <message>
        <source>nothing to change: give --name, --new-language or --body-file</source>
        <translation>nic do zmiany: podaj --name, --new-language lub --body-file</translation>
    </message>
    <message>
        <source>an agent account</source>
        <translation>konto agenta</translation>
    </message>
    <message>
        <source>a reply template</source>
        <translation>szablon odpowiedzi</translation>
    </message>
    <message>
        <source>a service level</source>
        <translation>poziom obsługi</translation>
    </message>
    <message>
        <source>a migration report</source>
        <translation>raport migracji</translation>
    </message>
    <message>
        <source>a reseller database role</source>
        <translation>rola bazodanowa partnera</translation>
    </message>
    <message>
        <source>the person&apos;s data is also in %1, which your role may not change; nothing was erased. Ask a supervisor or an administrator to erase it.</source>
        <translation>dane tej osoby są też w: %1, a tego twoja rola nie może zmienić; nic nie zostało usunięte. Poproś kierownika lub administratora o usunięcie danych.</translation>
    </message>
</context>
<context>
    <name>FactsPage</name>
    <message>
        <source>The three facts</source>
        <translation>Trzy dane autoryzacyjne</translation>
    </message>
    <message>
        <source>Type them exactly as the caller reads them out: the tax id in any form, the contract number, and one serial from that contract in any notation.</source>
        <translation>Wpisz je dokładnie tak, jak podaje dzwoniący: NIP w dowolnej postaci, numer umowy i jeden numer seryjny z tej umowy w dowolnym zapisie.</translation>
    </message>
    <message>
        <source>&amp;Tax id (NIP):</source>
        <translation>&amp;NIP:</translation>
    </message>
    <message>
        <source>&amp;Contract number:</source>
        <translation>Numer &amp;umowy:</translation>
    </message>
    <message>
        <source>&amp;Serial number:</source>
        <translation>Numer &amp;seryjny:</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Sprawdzanie…</translation>
    </message>
    <message>
        <source>Waiting for the caller…</source>
        <translation>Czekam na dane od dzwoniącego…</translation>
    </message>
    <message>
        <source>Read back to the caller — the contract holds:</source>
        <translation>Przeczytaj dzwoniącemu — na umowie jest zapisany:</translation>
    </message>
    <message>
        <source>They read %1; in the portal they must type %2.</source>
        <translation>Podał(a) %1; w portalu musi wpisać %2.</translation>
    </message>
    <message>
        <source>The caller&apos;s notation is exact: %1</source>
        <translation>Zapis podany przez dzwoniącego jest dokładny: %1</translation>
    </message>
    <message>
        <source>On that contract, but the contract is not accepted (above).</source>
        <translation>Jest na tej umowie, ale umowa nie została przyjęta (powyżej).</translation>
    </message>
    <message>
        <source>Type the tax id the caller reads out.</source>
        <translation>Wpisz NIP podany przez dzwoniącego.</translation>
    </message>
    <message>
        <source>Type the contract number.</source>
        <translation>Wpisz numer umowy.</translation>
    </message>
    <message>
        <source>Type a serial number from that contract.</source>
        <translation>Wpisz numer seryjny z tej umowy.</translation>
    </message>
    <message>
        <source>Checked once the contract is right.</source>
        <translation>Sprawdzany, gdy umowa będzie poprawna.</translation>
    </message>
    <message>
        <source>✗ Invalid tax id</source>
        <translation>✗ Nieprawidłowy NIP</translation>
    </message>
    <message>
        <source>✗ No HEZO customer has this tax id</source>
        <translation>✗ Żaden klient HEZO nie ma tego NIP</translation>
    </message>
    <message>
        <source>✗ No such contract</source>
        <translation>✗ Nie ma takiej umowy</translation>
    </message>
    <message>
        <source>✗ Contract not active</source>
        <translation>✗ Umowa nie jest aktywna</translation>
    </message>
    <message>
        <source>✗ Contract of another company</source>
        <translation>✗ Umowa innej firmy</translation>
    </message>
    <message>
        <source>✗ Invalid serial number</source>
        <translation>✗ Nieprawidłowy numer seryjny</translation>
    </message>
    <message>
        <source>✗ Serial not on that contract</source>
        <translation>✗ Numeru seryjnego nie ma na tej umowie</translation>
    </message>
    <message>
        <source>✗ Not accepted</source>
        <translation>✗ Nie przyjęto</translation>
    </message>
    <message>
        <source>(note: not the company selected in the lookup, %1)</source>
        <translation>(uwaga: to nie firma wybrana w wyszukiwaniu, %1)</translation>
    </message>
    <message>
        <source>✓ Active contract of this company</source>
        <translation>✓ Aktywna umowa tej firmy</translation>
    </message>
    <message>
        <source>✓ On this contract</source>
        <translation>✓ Jest na tej umowie</translation>
    </message>
</context>
<context>
    <name>Fields</name>
    <message>
        <source>company name</source>
        <translation>nazwa firmy</translation>
    </message>
    <message>
        <source>first name</source>
        <translation>imię</translation>
    </message>
    <message>
        <source>last name</source>
        <translation>nazwisko</translation>
    </message>
    <message>
        <source>e-mail address</source>
        <translation>adres e-mail</translation>
    </message>
    <message>
        <source>phone number</source>
        <translation>numer telefonu</translation>
    </message>
    <message>
        <source>login</source>
        <translation>login</translation>
    </message>
    <message>
        <source>display name</source>
        <translation>nazwa wyświetlana</translation>
    </message>
    <message>
        <source>subject</source>
        <translation>temat</translation>
    </message>
    <message>
        <source>requester&apos;s name</source>
        <translation>osoba zgłaszająca</translation>
    </message>
    <message>
        <source>file name</source>
        <translation>nazwa pliku</translation>
    </message>
    <message>
        <source>lookup</source>
        <translation>wyszukiwanie klienta</translation>
    </message>
    <message>
        <source>search</source>
        <translation>wyszukiwanie zgłoszeń</translation>
    </message>
    <message>
        <source>template name</source>
        <translation>nazwa szablonu</translation>
    </message>
    <message>
        <source>template text</source>
        <translation>treść szablonu</translation>
    </message>
</context>
<context>
    <name>FirstStartDialog</name>
    <message>
        <source>HEZO Desk — first start</source>
        <translation>HEZO Desk — pierwsze uruchomienie</translation>
    </message>
    <message>
        <source>This database is empty. Create the first administrator account to start working, or load demo data to try the desk out.</source>
        <translation>Ta baza danych jest pusta. Utwórz pierwsze konto administratora, aby zacząć pracę, albo wczytaj dane demonstracyjne, aby wypróbować program.</translation>
    </message>
    <message>
        <source>Create administrator</source>
        <translation>Utwórz administratora</translation>
    </message>
    <message>
        <source>Login:</source>
        <translation>Login:</translation>
    </message>
    <message>
        <source>Full name:</source>
        <translation>Imię i nazwisko:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Hasło:</translation>
    </message>
    <message>
        <source>Repeat password:</source>
        <translation>Powtórz hasło:</translation>
    </message>
    <message>
        <source>Create the first administrator</source>
        <translation>Utwórz pierwszego administratora</translation>
    </message>
    <message>
        <source>Load demo data</source>
        <translation>Wczytaj dane demonstracyjne</translation>
    </message>
    <message>
        <source>Demo data: Polish companies, contracts, serials and tickets; agents admin, anna.nowak, jan.kowalski, ewa.wisniewska and marek.zielinski with the password %1.</source>
        <translation>Dane demonstracyjne: polskie firmy, umowy, numery seryjne i zgłoszenia; konsultanci admin, anna.nowak, jan.kowalski, ewa.wisniewska i marek.zielinski z hasłem %1.</translation>
    </message>
    <message>
        <source>Or try the desk with demo data</source>
        <translation>Albo wypróbuj program na danych demonstracyjnych</translation>
    </message>
    <message>
        <source>The passwords differ.</source>
        <translation>Hasła się różnią.</translation>
    </message>
    <message>
        <source>Demo data could not be loaded: %1</source>
        <translation>Nie udało się wczytać danych demonstracyjnych: %1</translation>
    </message>
</context>
<context>
    <name>ImportDetails</name>
    <message>
        <source>%1 contains a NUL character</source>
        <translation>%1 zawiera znak NUL</translation>
    </message>
    <message>
        <source>%1 has %2 characters; the desk takes at most %3</source>
        <translation>%1 ma %2 znaków; desk przyjmuje najwyżej %3</translation>
    </message>
    <message>
        <source>%1 has %2 characters; at most %3</source>
        <translation>%1 ma %2 znaków; najwyżej %3</translation>
    </message>
    <message>
        <source>%1 is empty</source>
        <translation>%1 jest puste</translation>
    </message>
    <message>
        <source>invalid tax id: %1</source>
        <translation>nieprawidłowy NIP: %1</translation>
    </message>
    <message>
        <source>%1 %2 has no letters or digits</source>
        <translation>%1 %2 nie ma liter ani cyfr</translation>
    </message>
    <message>
        <source>end_date %1 is before start_date %2</source>
        <translation>end_date %1 jest wcześniejsza niż start_date %2</translation>
    </message>
    <message>
        <source>serial: %1</source>
        <translation>numer seryjny: %1</translation>
    </message>
    <message>
        <source>path %1 does not name a file inside the export</source>
        <translation>ścieżka %1 nie wskazuje pliku w eksporcie</translation>
    </message>
    <message>
        <source>file %1 is not in the export</source>
        <translation>pliku %1 nie ma w eksporcie</translation>
    </message>
    <message>
        <source>file %1 has %2 MB; the desk stores at most %3 MB per attachment</source>
        <translation>plik %1 ma %2 MB; desk przechowuje najwyżej %3 MB na załącznik</translation>
    </message>
    <message>
        <source>unknown %1 %2 (known: %3)</source>
        <translation>nieznany %1 %2 (znane: %3)</translation>
    </message>
    <message>
        <source>%1 %2 is not a date (expected DD.MM.YYYY)</source>
        <translation>%1 %2 nie jest datą (oczekiwano DD.MM.RRRR)</translation>
    </message>
    <message>
        <source>%1 %2 is not a date (%3)</source>
        <translation>%1 %2 nie jest datą (%3)</translation>
    </message>
    <message>
        <source>%1 %2 is not a date and time (expected DD.MM.YYYY HH:MM)</source>
        <translation>%1 %2 nie jest datą i godziną (oczekiwano DD.MM.RRRR GG:MM)</translation>
    </message>
    <message>
        <source>%1 %2 is not a date and time (%3)</source>
        <translation>%1 %2 nie jest datą i godziną (%3)</translation>
    </message>
    <message>
        <source>contract status</source>
        <translation>status umowy</translation>
    </message>
    <message>
        <source>ticket status</source>
        <translation>status zgłoszenia</translation>
    </message>
    <message>
        <source>priority</source>
        <translation>priorytet</translation>
    </message>
    <message>
        <source>contract %1 is %2 and does not move</source>
        <translation>umowa %1 jest w stanie „%2” i nie jest przenoszona</translation>
    </message>
    <message>
        <source>ticket %1 is %2 and does not move</source>
        <translation>zgłoszenie %1 jest w stanie „%2” i nie jest przenoszone</translation>
    </message>
    <message>
        <source>the row has %1 fields, the header %2</source>
        <translation>wiersz ma %1 pól, nagłówek %2</translation>
    </message>
    <message>
        <source>the row has %1 fields, the header %2 (a %3 inside a field that is not quoted?)</source>
        <translation>wiersz ma %1 pól, nagłówek %2 (%3 w polu bez cudzysłowu?)</translation>
    </message>
    <message>
        <source>%1 &gt; %2 bytes</source>
        <translation>%1 &gt; %2 bajtów</translation>
    </message>
    <message>
        <source>no column %1: left empty</source>
        <translation>brak kolumny %1: pozostawiono puste</translation>
    </message>
    <message>
        <source>ignored columns: %1</source>
        <translation>pominięte kolumny: %1</translation>
    </message>
    <message>
        <source>%1 (given)</source>
        <translation>%1 (podane)</translation>
    </message>
    <message>
        <source>UTF-8 with BOM</source>
        <translation>UTF-8 z BOM</translation>
    </message>
    <message>
        <source>the same row twice: identical to line %1</source>
        <translation>ten sam wiersz dwa razy: identyczny z wierszem %1</translation>
    </message>
    <message>
        <source>%1 appears again (first at line %2) with other values; the first is used</source>
        <translation>%1 występuje ponownie (pierwszy raz w wierszu %2) z innymi wartościami; użyto pierwszego</translation>
    </message>
    <message>
        <source>contract number %1 is the same as %2 at line %3; the first is used</source>
        <translation>numer umowy %1 jest taki sam jak %2 w wierszu %3; użyto pierwszego</translation>
    </message>
    <message>
        <source>%1 is not in %2</source>
        <translation>%1 nie występuje w %2</translation>
    </message>
    <message>
        <source>%1 was rejected (%2 line %3: %4)</source>
        <translation>odrzucono: %1 (%2, wiersz %3: %4)</translation>
    </message>
    <message>
        <source>tax id %1 is also %2&apos;s; what names %3 goes to %4</source>
        <translation>NIP %1 ma też %2; to, co wskazuje %3, trafia do %4</translation>
    </message>
    <message>
        <source>%1 (line %2)</source>
        <translation>%1 (wiersz %2)</translation>
    </message>
    <message>
        <source>contract %1 is already in the desk for another customer; the export names a different one</source>
        <translation>umowa %1 jest już w desku u innego klienta; eksport wskazuje innego</translation>
    </message>
    <message>
        <source>contract %1 is already in the desk</source>
        <translation>umowa %1 jest już w desku</translation>
    </message>
    <message>
        <source>message %1 is already in the desk</source>
        <translation>wiadomość %1 jest już w desku</translation>
    </message>
    <message>
        <source>attachment %1 is already in the desk</source>
        <translation>załącznik %1 jest już w desku</translation>
    </message>
    <message>
        <source>ticket %1 was migrated by an earlier run; its migrated dialogue is not changed, so this new message is not added</source>
        <translation>zgłoszenie %1 przeniósł wcześniejszy import; przeniesionego dialogu się nie zmienia, więc ta nowa wiadomość nie zostaje dodana</translation>
    </message>
    <message>
        <source>ticket %1 was migrated by an earlier run; its migrated dialogue is not changed, so this new attachment is not added</source>
        <translation>zgłoszenie %1 przeniósł wcześniejszy import; przeniesionego dialogu się nie zmienia, więc ten nowy załącznik nie zostaje dodany</translation>
    </message>
    <message>
        <source>ticket %1 is not in tickets.csv</source>
        <translation>zgłoszenia %1 nie ma w tickets.csv</translation>
    </message>
    <message>
        <source>%1 was imported meanwhile by another run</source>
        <translation>%1 zaimportował w międzyczasie inny import</translation>
    </message>
    <message>
        <source>ticket %1 was imported meanwhile by another run</source>
        <translation>zgłoszenie %1 zaimportował w międzyczasie inny import</translation>
    </message>
    <message>
        <source>contract %1</source>
        <translation>umowa %1</translation>
    </message>
    <message>
        <source>ticket %1</source>
        <translation>zgłoszenie %1</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>%n s</source>
        <translation>%n s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>Import from the legacy system</source>
        <translation>Import ze starego systemu</translation>
    </message>
    <message>
        <source>The export folder, or its zip file</source>
        <translation>Folder eksportu albo jego plik zip</translation>
    </message>
    <message>
        <source>&amp;Folder…</source>
        <translation>&amp;Folder…</translation>
    </message>
    <message>
        <source>&amp;Zip file…</source>
        <translation>Plik &amp;zip…</translation>
    </message>
    <message>
        <source>&amp;Dry run: check and report, write nothing</source>
        <translation>&amp;Próba: sprawdź i zaraportuj, niczego nie zapisuj</translation>
    </message>
    <message>
        <source>Detect for each file</source>
        <translation>Rozpoznaj dla każdego pliku</translation>
    </message>
    <message>
        <source>Windows-1250 (all files)</source>
        <translation>Windows-1250 (wszystkie pliki)</translation>
    </message>
    <message>
        <source>UTF-8 (all files)</source>
        <translation>UTF-8 (wszystkie pliki)</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Start</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Anuluj</translation>
    </message>
    <message>
        <source>Export:</source>
        <translation>Eksport:</translation>
    </message>
    <message>
        <source>Encoding:</source>
        <translation>Kodowanie:</translation>
    </message>
    <message>
        <source>Only the back office and administrators run the import.</source>
        <translation>Import uruchamiają tylko back office i administratorzy.</translation>
    </message>
    <message>
        <source>The export folder</source>
        <translation>Folder eksportu</translation>
    </message>
    <message>
        <source>The export&apos;s zip file</source>
        <translation>Plik zip eksportu</translation>
    </message>
    <message>
        <source>Zip files (*.zip)</source>
        <translation>Pliki zip (*.zip)</translation>
    </message>
    <message>
        <source>Choose the export folder or its zip file first.</source>
        <translation>Najpierw wybierz folder eksportu albo jego plik zip.</translation>
    </message>
    <message>
        <source>Checking the export; nothing will be written.</source>
        <translation>Sprawdzanie eksportu; nic nie zostanie zapisane.</translation>
    </message>
    <message>
        <source>Importing. Cancel stops after the unit in flight; run it again later.</source>
        <translation>Importowanie. Anuluj zatrzymuje po bieżącej porcji; import można później uruchomić ponownie.</translation>
    </message>
    <message>
        <source>Cancelling after the unit in flight…</source>
        <translation>Anulowanie po bieżącej porcji…</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Zamknij</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Uruchamianie…</translation>
    </message>
    <message>
        <source>Reading the export&apos;s files</source>
        <translation>Czytanie plików eksportu</translation>
    </message>
    <message>
        <source>Checking the rules</source>
        <translation>Sprawdzanie reguł</translation>
    </message>
    <message>
        <source>Writing companies, contracts and services</source>
        <translation>Zapisywanie firm, umów i usług</translation>
    </message>
    <message>
        <source>Migrating tickets with their dialogue</source>
        <translation>Przenoszenie zgłoszeń z korespondencją</translation>
    </message>
    <message>
        <source>Finishing</source>
        <translation>Kończenie</translation>
    </message>
    <message>
        <source>%1 rows read</source>
        <translation>Przeczytano wierszy: %1</translation>
    </message>
    <message>
        <source>step %1 of %2</source>
        <translation>krok %1 z %2</translation>
    </message>
    <message>
        <source>%1 of %2 rows written</source>
        <translation>zapisano %1 z %2 wierszy</translation>
    </message>
    <message>
        <source>%1 of %2 tickets, %3 messages, %4 attachments, %5 flagged for review</source>
        <translation>%1 z %2 zgłoszeń, %3 wiadomości, %4 załączników, %5 oznaczonych do przeglądu</translation>
    </message>
    <message>
        <source>About %1 left</source>
        <translation>Pozostało około %1</translation>
    </message>
    <message>
        <source>Estimating the time left…</source>
        <translation>Szacowanie pozostałego czasu…</translation>
    </message>
    <message>
        <source>%1 ticket(s) would move, %2 would be flagged for review</source>
        <translation>Zgłoszeń do przeniesienia: %1, do oznaczenia do przeglądu: %2</translation>
    </message>
    <message>
        <source>%1 ticket(s) migrated, %2 flagged for review</source>
        <translation>Przeniesiono zgłoszeń: %1, oznaczono do przeglądu: %2</translation>
    </message>
    <message>
        <source>Cancelled. What was written stays; run the import again to complete it.</source>
        <translation>Anulowano. To, co zapisano, zostaje; uruchom import ponownie, aby go dokończyć.</translation>
    </message>
    <message>
        <source>The import stopped</source>
        <translation>Import został przerwany</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>new</source>
        <translation>nowe</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>w realizacji</translation>
    </message>
    <message>
        <source>waiting for the customer</source>
        <translation>oczekuje na klienta</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>zamknięte</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>anulowane</translation>
    </message>
    <message>
        <source>low</source>
        <translation>niski</translation>
    </message>
    <message>
        <source>normal</source>
        <translation>normalny</translation>
    </message>
    <message>
        <source>high</source>
        <translation>wysoki</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>krytyczny</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>telefon</translation>
    </message>
    <message>
        <source>portal</source>
        <translation>portal</translation>
    </message>
    <message>
        <source>web form</source>
        <translation>formularz WWW</translation>
    </message>
    <message>
        <source>e-mail</source>
        <translation>e-mail</translation>
    </message>
    <message>
        <source>migration</source>
        <translation>migracja</translation>
    </message>
    <message>
        <source>active</source>
        <translation>aktywna</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>wygasła</translation>
    </message>
    <message>
        <source>ringing</source>
        <translation>dzwoni</translation>
    </message>
    <message>
        <source>on the line</source>
        <translation>w trakcie rozmowy</translation>
    </message>
    <message>
        <source>answered</source>
        <translation>odebrane</translation>
    </message>
    <message>
        <source>missed</source>
        <translation>nieodebrane</translation>
    </message>
    <message>
        <source>not reached</source>
        <translation>bez odpowiedzi</translation>
    </message>
    <message>
        <source>incoming</source>
        <translation>przychodzące</translation>
    </message>
    <message>
        <source>outgoing</source>
        <translation>wychodzące</translation>
    </message>
    <message>
        <source>agent</source>
        <translation>konsultant</translation>
    </message>
    <message>
        <source>back office</source>
        <translation>back office</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>kierownik</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>administrator</translation>
    </message>
    <message>
        <source>Polish</source>
        <translation>polski</translation>
    </message>
    <message>
        <source>English</source>
        <translation>angielski</translation>
    </message>
    <message>
        <source>legacy dialogue (internal)</source>
        <translation>korespondencja ze starego systemu (wewnętrzna)</translation>
    </message>
    <message>
        <source>file</source>
        <translation>plik</translation>
    </message>
    <message>
        <source>hung up</source>
        <translation>rozłączone</translation>
    </message>
    <message>
        <source>24x7: every minute</source>
        <translation>24x7: każda minuta</translation>
    </message>
    <message>
        <source>business hours: Mon–Fri 8–16</source>
        <translation>godziny pracy: pn–pt 8–16</translation>
    </message>
</context>
<context>
    <name>LegacyImport</name>
    <message>
        <source>Import of %1: %2</source>
        <translation>Import z %1: %2</translation>
    </message>
    <message>
        <source>Dry run of the import of %1: %2</source>
        <translation>Próbny import z %1: %2</translation>
    </message>
    <message>
        <source>%1 (run %2)</source>
        <translation>%1 (przebieg %2)</translation>
    </message>
    <message>
        <source>error: %1</source>
        <translation>błąd: %1</translation>
    </message>
    <message>
        <source>file</source>
        <translation>plik</translation>
    </message>
    <message>
        <source>read</source>
        <translation>odczytane</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>zaimportowane</translation>
    </message>
    <message>
        <source>would import</source>
        <translation>do importu</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>pominięte</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>odrzucone</translation>
    </message>
    <message>
        <source>not processed</source>
        <translation>nieprzetworzone</translation>
    </message>
    <message>
        <source>total</source>
        <translation>razem</translation>
    </message>
    <message>
        <source>%1 skipped: %2</source>
        <translation>pominięte (%1): %2</translation>
    </message>
    <message>
        <source>%1 rejected: %2</source>
        <translation>odrzucone (%1): %2</translation>
    </message>
    <message>
        <source>%1, separator %2</source>
        <translation>%1, separator %2</translation>
    </message>
    <message>
        <source>%1 migrated ticket(s) flagged for review</source>
        <translation>przeniesione zgłoszenia oznaczone do przejrzenia: %1</translation>
    </message>
    <message>
        <source>%1 ticket(s) would be flagged for review</source>
        <translation>zgłoszenia, które zostałyby oznaczone do przejrzenia: %1</translation>
    </message>
    <message>
        <source>%1 migrated ticket(s) already overdue on arrival (marked, not alarmed)</source>
        <translation>przeniesione zgłoszenia już po terminie w chwili przeniesienia: %1 (oznaczone, bez alarmu)</translation>
    </message>
    <message>
        <source>rejected rows (first %1):</source>
        <translation>odrzucone wiersze (pierwsze %1):</translation>
    </message>
    <message>
        <source>(no id)</source>
        <translation>(bez id)</translation>
    </message>
    <message>
        <source>running</source>
        <translation>w toku</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>zakończony</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>anulowany</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>nieudany</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>przerwany</translation>
    </message>
    <message>
        <source>imported by an earlier run; left as it is</source>
        <translation>zaimportowane przez wcześniejszy import; pozostawione bez zmian</translation>
    </message>
    <message>
        <source>same tax id as a company already imported or in the desk; its contracts and tickets go to that company</source>
        <translation>ten sam NIP co firma już zaimportowana lub obecna w desku; jej umowy i zgłoszenia trafiają do tej firmy</translation>
    </message>
    <message>
        <source>expired contracts do not move</source>
        <translation>wygasłe umowy nie są przenoszone</translation>
    </message>
    <message>
        <source>cancelled contracts do not move</source>
        <translation>anulowane umowy nie są przenoszone</translation>
    </message>
    <message>
        <source>the service&apos;s contract does not move</source>
        <translation>umowa usługi nie jest przenoszona</translation>
    </message>
    <message>
        <source>closed tickets do not move</source>
        <translation>zamknięte zgłoszenia nie są przenoszone</translation>
    </message>
    <message>
        <source>cancelled tickets do not move</source>
        <translation>anulowane zgłoszenia nie są przenoszone</translation>
    </message>
    <message>
        <source>the ticket it belongs to does not move</source>
        <translation>zgłoszenie, do którego należy, nie jest przenoszone</translation>
    </message>
    <message>
        <source>its ticket was migrated by an earlier run; a migrated dialogue is not changed</source>
        <translation>jego zgłoszenie przeniósł wcześniejszy import; przeniesionego dialogu się nie zmienia</translation>
    </message>
    <message>
        <source>the row does not have the header&apos;s fields</source>
        <translation>wiersz nie ma pól nagłówka</translation>
    </message>
    <message>
        <source>the row has no legacy id</source>
        <translation>wiersz nie ma identyfikatora ze starego systemu</translation>
    </message>
    <message>
        <source>the same legacy id appears again (the first one is used)</source>
        <translation>ten sam identyfikator ze starego systemu występuje ponownie (użyto pierwszego)</translation>
    </message>
    <message>
        <source>invalid tax id</source>
        <translation>nieprawidłowy NIP</translation>
    </message>
    <message>
        <source>a date that is not a date</source>
        <translation>data, która nie jest datą</translation>
    </message>
    <message>
        <source>a required value is empty</source>
        <translation>wymagana wartość jest pusta</translation>
    </message>
    <message>
        <source>a value the desk cannot take</source>
        <translation>wartość, której desk nie może przyjąć</translation>
    </message>
    <message>
        <source>its customer is missing</source>
        <translation>brak jego klienta</translation>
    </message>
    <message>
        <source>its reseller is missing</source>
        <translation>brak jego resellera</translation>
    </message>
    <message>
        <source>its contract is missing</source>
        <translation>brak jego umowy</translation>
    </message>
    <message>
        <source>its ticket is missing</source>
        <translation>brak jego zgłoszenia</translation>
    </message>
    <message>
        <source>its file is not in the export</source>
        <translation>jego pliku nie ma w eksporcie</translation>
    </message>
    <message>
        <source>its file is larger than the desk stores</source>
        <translation>jego plik jest większy, niż desk przechowuje</translation>
    </message>
    <message>
        <source>its file in the zip is damaged (checksum or data)</source>
        <translation>jego plik w archiwum zip jest uszkodzony (suma kontrolna lub dane)</translation>
    </message>
    <message>
        <source>its file cannot be read</source>
        <translation>jego pliku nie da się odczytać</translation>
    </message>
    <message>
        <source>its file in the zip is encrypted</source>
        <translation>jego plik w archiwum zip jest zaszyfrowany</translation>
    </message>
    <message>
        <source>its file in the zip uses a compression method that cannot be read (e.g. Deflate64)</source>
        <translation>jego plik w archiwum zip używa metody kompresji, której nie da się odczytać (np. Deflate64)</translation>
    </message>
    <message>
        <source>its file in the zip expands far more than files do (a zip bomb&apos;s shape)</source>
        <translation>jego plik w archiwum zip rozpakowuje się do rozmiaru znacznie większego niż zwykłe pliki (kształt bomby zip)</translation>
    </message>
    <message>
        <source>the row is longer than its file&apos;s format allows</source>
        <translation>wiersz jest dłuższy, niż pozwala format jego pliku</translation>
    </message>
    <message>
        <source>the row it belongs to was rejected</source>
        <translation>wiersz, do którego należy, został odrzucony</translation>
    </message>
    <message>
        <source>contradicts what the desk already holds</source>
        <translation>jest sprzeczny z tym, co desk już zawiera</translation>
    </message>
</context>
<context>
    <name>LevelEditorDialog</name>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Nazwa</translation>
    </message>
    <message>
        <source>&amp;Calendar</source>
        <translation>&amp;Kalendarz</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorytet</translation>
    </message>
    <message>
        <source>Response (first reply)</source>
        <translation>Reakcja (pierwsza odpowiedź)</translation>
    </message>
    <message>
        <source>Resolution (closing)</source>
        <translation>Rozwiązanie (zamknięcie)</translation>
    </message>
    <message>
        <source>Tickets keep the targets they were opened under: a change applies to tickets opened afterwards.</source>
        <translation>Zgłoszenia zachowują cele z chwili otwarcia: zmiana dotyczy zgłoszeń otwartych później.</translation>
    </message>
    <message>
        <source>Add a service level</source>
        <translation>Dodaj poziom obsługi</translation>
    </message>
    <message>
        <source>Service level %1</source>
        <translation>Poziom obsługi %1</translation>
    </message>
</context>
<context>
    <name>ListScreen</name>
    <message numerus="yes">
        <source>%Ln row(s)</source>
        <translation>
            <numerusform>%Ln wiersz</numerusform>
            <numerusform>%Ln wiersze</numerusform>
            <numerusform>%Ln wierszy</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wczytywanie…</translation>
    </message>
    <message>
        <source>The list could not be read: %1</source>
        <translation>Nie udało się wczytać listy: %1</translation>
    </message>
</context>
<context>
    <name>LookupMatch</name>
    <message>
        <source>tax id</source>
        <translation>NIP</translation>
    </message>
    <message>
        <source>contract number</source>
        <translation>numer umowy</translation>
    </message>
    <message>
        <source>exact notation</source>
        <translation>dokładny zapis</translation>
    </message>
    <message>
        <source>serial</source>
        <translation>numer seryjny</translation>
    </message>
    <message>
        <source>ticket number</source>
        <translation>numer zgłoszenia</translation>
    </message>
    <message>
        <source>legacy ticket number</source>
        <translation>numer zgłoszenia w starym systemie</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>telefon</translation>
    </message>
    <message>
        <source>contact&apos;s phone</source>
        <translation>telefon osoby kontaktowej</translation>
    </message>
    <message>
        <source>e-mail</source>
        <translation>e-mail</translation>
    </message>
    <message>
        <source>contact&apos;s e-mail</source>
        <translation>e-mail osoby kontaktowej</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nazwa</translation>
    </message>
    <message>
        <source>word of the name</source>
        <translation>słowo nazwy</translation>
    </message>
</context>
<context>
    <name>LookupView</name>
    <message>
        <source>Who is calling? Tax id, contract, serial (any notation), ticket, phone, e-mail or company name</source>
        <translation>Kto dzwoni? NIP, umowa, numer seryjny (dowolny zapis), zgłoszenie, telefon, e-mail lub nazwa firmy</translation>
    </message>
    <message>
        <source>&amp;Look up</source>
        <translation>&amp;Szukaj</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>Tax id</source>
        <translation>NIP</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Miasto</translation>
    </message>
    <message>
        <source>Matched by</source>
        <translation>Dopasowano po</translation>
    </message>
    <message>
        <source>Companies</source>
        <translation>Firmy</translation>
    </message>
    <message>
        <source>Tickets matching the query</source>
        <translation>Zgłoszenia pasujące do zapytania</translation>
    </message>
    <message>
        <source>Look up a caller to see the company here.</source>
        <translation>Wyszukaj dzwoniącego, aby zobaczyć tu jego firmę.</translation>
    </message>
    <message>
        <source>&amp;Register caller…</source>
        <translation>Za&amp;rejestruj dzwoniącego…</translation>
    </message>
    <message>
        <source>&amp;New ticket…</source>
        <translation>&amp;Nowe zgłoszenie…</translation>
    </message>
    <message>
        <source>Contract</source>
        <translation>Umowa</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stan</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Od</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Do</translation>
    </message>
    <message>
        <source>Reseller</source>
        <translation>Reseller</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>Usługi</translation>
    </message>
    <message>
        <source>Notation</source>
        <translation>Zapis</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <source>Contract state</source>
        <translation>Stan umowy</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nazwa</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Język</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>Zarejestrowano</translation>
    </message>
    <message>
        <source>&amp;Anonymise…</source>
        <translation>&amp;Anonimizuj…</translation>
    </message>
    <message>
        <source>Erase the selected contact&apos;s personal data (RODO art. 17)</source>
        <translation>Usuń dane osobowe wybranego kontaktu (RODO art. 17)</translation>
    </message>
    <message>
        <source>Open tickets</source>
        <translation>Otwarte zgłoszenia</translation>
    </message>
    <message>
        <source>Contracts</source>
        <translation>Umowy</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Kontakty</translation>
    </message>
    <message>
        <source>Export personal data…</source>
        <translation>Eksportuj dane osobowe…</translation>
    </message>
    <message>
        <source>E&amp;xport personal data…</source>
        <translation>Eksportuj &amp;dane osobowe…</translation>
    </message>
    <message>
        <source>Everything the desk holds about the selected person, as a PDF and a JSON file (right of access, RODO art. 15). The export is recorded in the audit log.</source>
        <translation>Wszystko, co desk przechowuje o wybranej osobie, jako plik PDF i plik JSON (prawo dostępu, art. 15 RODO). Eksport jest zapisywany w dzienniku zdarzeń.</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>Zgłoszenie</translation>
    </message>
    <message>
        <source>Legacy</source>
        <translation>Stary numer</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Temat</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorytet</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>Numer seryjny</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>Ostatnia zmiana</translation>
    </message>
    <message>
        <source>Call from %1 (%2)</source>
        <translation>Połączenie od %1 (%2)</translation>
    </message>
    <message>
        <source>Call to %1 (%2)</source>
        <translation>Połączenie do %1 (%2)</translation>
    </message>
    <message>
        <source>Call with %1 ended (%2)</source>
        <translation>Połączenie z %1 zakończone (%2)</translation>
    </message>
    <message>
        <source>nothing recognisable</source>
        <translation>nic rozpoznawalnego</translation>
    </message>
    <message>
        <source>Nothing found for “%1” (read as: %2).</source>
        <translation>Nic nie znaleziono dla „%1” (odczytano jako: %2).</translation>
    </message>
    <message>
        <source>“%1” read as: %2</source>
        <translation>„%1” odczytano jako: %2</translation>
    </message>
    <message>
        <source>Look up the caller first: a new ticket needs the caller&apos;s company.</source>
        <translation>Najpierw wyszukaj dzwoniącego: nowe zgłoszenie wymaga firmy dzwoniącego.</translation>
    </message>
    <message>
        <source>As a NIP, %1 cannot be right: no NIP begins with its first nine digits; one of them was probably misheard.</source>
        <translation>Jako NIP %1 nie może być poprawny: żaden NIP nie zaczyna się od tych dziewięciu cyfr; któraś z nich została pewnie źle usłyszana.</translation>
    </message>
    <message>
        <source>As a NIP, %1 has a wrong check digit: with these first nine digits the last would be %2; a digit was probably misheard.</source>
        <translation>Jako NIP %1 ma złą cyfrę kontrolną: przy tych dziewięciu pierwszych cyfrach ostatnia byłaby %2; któraś cyfra została pewnie źle usłyszana.</translation>
    </message>
    <message>
        <source>%1 companies have this number: ask the caller which, then choose.</source>
        <translation>Firm z tym numerem: %1. Zapytaj dzwoniącego, o którą chodzi, i wybierz ją.</translation>
    </message>
    <message>
        <source>No company has this number.</source>
        <translation>Żadna firma nie ma tego numeru.</translation>
    </message>
    <message>
        <source>Register the &amp;caller of %1…</source>
        <translation>Zarejestruj &amp;dzwoniącego z numeru %1…</translation>
    </message>
    <message>
        <source>Open tickets (%1)</source>
        <translation>Otwarte zgłoszenia (%1)</translation>
    </message>
    <message>
        <source>Services (%1)</source>
        <translation>Usługi (%1)</translation>
    </message>
    <message>
        <source>Contracts (%1)</source>
        <translation>Umowy (%1)</translation>
    </message>
    <message>
        <source>Contacts (%1)</source>
        <translation>Kontakty (%1)</translation>
    </message>
    <message>
        <source>No company matches.</source>
        <translation>Żadna firma nie pasuje.</translation>
    </message>
    <message>
        <source>Folder for the personal data of %1</source>
        <translation>Folder na dane osobowe: %1</translation>
    </message>
    <message>
        <source>The personal data of %1 were exported to %2: %3 and %4.</source>
        <translation>Dane osobowe: %1 wyeksportowano do %2: %3 i %4.</translation>
    </message>
    <message>
        <source>The contact is anonymised as “%1”.</source>
        <translation>Kontakt zanonimizowano jako „%1”.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>HEZO Desk</source>
        <translation>HEZO Desk</translation>
    </message>
    <message>
        <source>— open tickets —</source>
        <translation>— otwarte zgłoszenia —</translation>
    </message>
    <message>
        <source>Signed in as %1 (%2)</source>
        <translation>Zalogowano jako %1 (%2)</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>Baza danych: %1</translation>
    </message>
    <message>
        <source>● connected</source>
        <translation>● połączono</translation>
    </message>
    <message>
        <source>&amp;Desk</source>
        <translation>&amp;Program</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Ustawienia…</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>&amp;Wyloguj</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Zakończ</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>Prz&amp;ejdź</translation>
    </message>
    <message>
        <source>Caller &amp;lookup</source>
        <translation>&amp;Wyszukiwanie dzwoniącego</translation>
    </message>
    <message>
        <source>&amp;Ticket</source>
        <translation>&amp;Zgłoszenie</translation>
    </message>
    <message>
        <source>&amp;New ticket…</source>
        <translation>&amp;Nowe zgłoszenie…</translation>
    </message>
    <message>
        <source>Re&amp;gister caller…</source>
        <translation>Za&amp;rejestruj dzwoniącego…</translation>
    </message>
    <message>
        <source>&amp;Reply</source>
        <translation>&amp;Odpowiedz</translation>
    </message>
    <message>
        <source>Internal no&amp;te</source>
        <translation>Notatka &amp;wewnętrzna</translation>
    </message>
    <message>
        <source>Ne&amp;xt ticket</source>
        <translation>N&amp;astępne zgłoszenie</translation>
    </message>
    <message>
        <source>&amp;Previous ticket</source>
        <translation>&amp;Poprzednie zgłoszenie</translation>
    </message>
    <message>
        <source>&amp;Close ticket tab</source>
        <translation>Za&amp;mknij zgłoszenie</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>O&amp;dśwież</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Pomo&amp;c</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Skróty klawiszowe</translation>
    </message>
    <message>
        <source>&amp;About HEZO Desk</source>
        <translation>&amp;O programie HEZO Desk</translation>
    </message>
    <message>
        <source>Send the reply or note; open the new ticket</source>
        <translation>Wyślij odpowiedź lub notatkę; otwórz nowe zgłoszenie</translation>
    </message>
    <message>
        <source>Search the list shown</source>
        <translation>Szukaj na pokazanej liście</translation>
    </message>
    <message>
        <source>Enter, double click</source>
        <translation>Enter, podwójne kliknięcie</translation>
    </message>
    <message>
        <source>Open the selected row</source>
        <translation>Otwórz zaznaczony wiersz</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Strzałka w dół</translation>
    </message>
    <message>
        <source>From a search field to its results (Enter too, once they are shown)</source>
        <translation>Z pola wyszukiwania do wyników (także Enter, gdy wyniki są widoczne)</translation>
    </message>
    <message>
        <source>About HEZO Desk</source>
        <translation>O programie HEZO Desk</translation>
    </message>
    <message>
        <source>HEZO Desk %1 — the support desk of HEZO&apos;s phone line (+48 12 25 25 600), back office and supervisors.</source>
        <translation>HEZO Desk %1 — program obsługi zgłoszeń dla infolinii HEZO (+48 12 25 25 600), back office i kierowników.</translation>
    </message>
    <message>
        <source>Ticket…</source>
        <translation>Zgłoszenie…</translation>
    </message>
    <message>
        <source>A newer HEZO Desk has upgraded this database; this one still works with it. Please update when you can.</source>
        <translation>Nowsza wersja HEZO Desk zaktualizowała tę bazę; ta wersja nadal z nią działa. Zaktualizuj program, gdy będzie to możliwe.</translation>
    </message>
    <message>
        <source>Schema owner: rights not checked</source>
        <translation>Właściciel schematu: uprawnienia niesprawdzane</translation>
    </message>
    <message>
        <source>This desk is connected as the role that owns the database&apos;s tables, which the database&apos;s checks of each agent&apos;s rights do not bind. Use that role only to upgrade the schema; desks connect as a member of hezo_desk.</source>
        <translation>To stanowisko jest połączone jako rola, do której należą tabele bazy danych; sprawdzanie uprawnień każdego agenta przez bazę jej nie obejmuje. Używaj tej roli tylko do aktualizacji schematu; stanowiska łączą się jako członek roli hezo_desk.</translation>
    </message>
    <message>
        <source>● offline: %1</source>
        <translation>● brak połączenia: %1</translation>
    </message>
    <message>
        <source>The desk reconnects by itself. What you type is kept; saves that failed can be sent again once the connection is back.</source>
        <translation>Program połączy się ponownie sam. To, co piszesz, zostaje zachowane; nieudane zapisy można ponowić po przywróceniu połączenia.</translation>
    </message>
</context>
<context>
    <name>MigrationReportsView</name>
    <message>
        <source>Run</source>
        <translation>Przebieg</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Rozpoczęto</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Przez</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stan</translation>
    </message>
    <message>
        <source>Tickets migrated</source>
        <translation>Przeniesione zgłoszenia</translation>
    </message>
    <message>
        <source>Rows read</source>
        <translation>Przeczytane wiersze</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Odrzucone</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>Oznaczone</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Źródło</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Odśwież</translation>
    </message>
    <message>
        <source>Import runs</source>
        <translation>Przebiegi importu</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wczytywanie…</translation>
    </message>
    <message>
        <source>%1 run(s) kept.</source>
        <translation>Zachowane przebiegi: %1.</translation>
    </message>
    <message>
        <source>No import has been run yet.</source>
        <translation>Import nie był jeszcze uruchamiany.</translation>
    </message>
</context>
<context>
    <name>NewTicketDialog</name>
    <message>
        <source>New ticket</source>
        <translation>Nowe zgłoszenie</translation>
    </message>
    <message>
        <source>Loading the caller&apos;s company…</source>
        <translation>Wczytywanie firmy dzwoniącego…</translation>
    </message>
    <message>
        <source>The caller&apos;s name (not a registered contact)</source>
        <translation>Imię i nazwisko dzwoniącego (niezarejestrowany kontakt)</translation>
    </message>
    <message>
        <source>What the caller reports, in their words</source>
        <translation>Co zgłasza dzwoniący, jego słowami</translation>
    </message>
    <message>
        <source>Reseller access — ask the caller</source>
        <translation>Dostęp resellera — zapytaj dzwoniącego</translation>
    </message>
    <message>
        <source>&amp;No access (default)</source>
        <translation>&amp;Brak dostępu (domyślnie)</translation>
    </message>
    <message>
        <source>&amp;Contract:</source>
        <translation>&amp;Umowa:</translation>
    </message>
    <message>
        <source>S&amp;erial:</source>
        <translation>Numer &amp;seryjny:</translation>
    </message>
    <message>
        <source>C&amp;aller:</source>
        <translation>&amp;Dzwoniący:</translation>
    </message>
    <message>
        <source>Caller&apos;s na&amp;me:</source>
        <translation>Imię i &amp;nazwisko dzwoniącego:</translation>
    </message>
    <message>
        <source>C&amp;hannel:</source>
        <translation>&amp;Kanał:</translation>
    </message>
    <message>
        <source>&amp;Subject:</source>
        <translation>&amp;Temat:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Opis:</translation>
    </message>
    <message>
        <source>&amp;Priority:</source>
        <translation>&amp;Priorytet:</translation>
    </message>
    <message>
        <source>&amp;Open ticket</source>
        <translation>Otwórz z&amp;głoszenie</translation>
    </message>
    <message>
        <source>New ticket — %1</source>
        <translation>Nowe zgłoszenie — %1</translation>
    </message>
    <message>
        <source>%1 (reseller: %2, until %3)</source>
        <translation>%1 (reseller: %2, do %3)</translation>
    </message>
    <message>
        <source>Who is calling? Choose…</source>
        <translation>Kto dzwoni? Wybierz…</translation>
    </message>
    <message>
        <source>Not a registered contact</source>
        <translation>Niezarejestrowany kontakt</translation>
    </message>
    <message>
        <source>%1 has no active contract: tickets are opened on active contracts.</source>
        <translation>%1 nie ma aktywnej umowy: zgłoszenia otwiera się na aktywnych umowach.</translation>
    </message>
    <message>
        <source>the reseller</source>
        <translation>reseller</translation>
    </message>
    <message>
        <source>May employees of %1, the reseller on this contract, see this ticket (subject, state, messages, attachments; never internal notes)?</source>
        <translation>Czy pracownicy firmy %1, resellera na tej umowie, mogą widzieć to zgłoszenie (temat, stan, korespondencję, załączniki; nigdy notatek wewnętrznych)?</translation>
    </message>
    <message>
        <source>&amp;Yes, %1 may see it</source>
        <translation>Tak, %1 może je &amp;widzieć</translation>
    </message>
    <message>
        <source>Choose the contract the ticket is about.</source>
        <translation>Wybierz umowę, której dotyczy zgłoszenie.</translation>
    </message>
    <message>
        <source>Choose the serial the ticket is about.</source>
        <translation>Wybierz numer seryjny, którego dotyczy zgłoszenie.</translation>
    </message>
    <message>
        <source>Choose who is calling.</source>
        <translation>Wybierz, kto dzwoni.</translation>
    </message>
    <message>
        <source>Type the caller&apos;s name: they are not a registered contact.</source>
        <translation>Wpisz imię i nazwisko dzwoniącego: nie jest zarejestrowanym kontaktem.</translation>
    </message>
    <message>
        <source>Type a subject.</source>
        <translation>Wpisz temat.</translation>
    </message>
    <message>
        <source>Type what the caller reports.</source>
        <translation>Wpisz, co zgłasza dzwoniący.</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>New password for %1</source>
        <translation>Nowe hasło dla %1</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>Nowe hasło</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>Powtórz hasło</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Hasła się różnią.</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>Export PDF…</source>
        <translation>Eksportuj PDF…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Drukuj…</translation>
    </message>
    <message>
        <source>Copy:</source>
        <translation>Wersja:</translation>
    </message>
    <message>
        <source>Preparing the PDF…</source>
        <translation>Przygotowywanie pliku PDF…</translation>
    </message>
    <message numerus="yes">
        <source>%1 – %n page(s)</source>
        <translation>
            <numerusform>%1 – %n strona</numerusform>
            <numerusform>%1 – %n strony</numerusform>
            <numerusform>%1 – %n stron</numerusform>
        </translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation>Eksport do PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Pliki PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Zapisywanie…</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>Zapisano w %1</translation>
    </message>
    <message>
        <source>Print %1</source>
        <translation>Drukuj %1</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>Drukowanie…</translation>
    </message>
    <message>
        <source>Printing page %1 of %2…</source>
        <translation>Drukowanie strony %1 z %2…</translation>
    </message>
    <message numerus="yes">
        <source>Printed %n page(s)</source>
        <translation>
            <numerusform>Wydrukowano %n stronę</numerusform>
            <numerusform>Wydrukowano %n strony</numerusform>
            <numerusform>Wydrukowano %n stron</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <source>Case PDF</source>
        <translation>Sprawa w PDF</translation>
    </message>
</context>
<context>
    <name>PdfViews</name>
    <message>
        <source>Customer copy (without internal notes)</source>
        <translation>Wersja dla klienta (bez notatek wewnętrznych)</translation>
    </message>
    <message>
        <source>Internal copy (internal notes marked)</source>
        <translation>Wersja wewnętrzna (z oznaczonymi notatkami wewnętrznymi)</translation>
    </message>
    <message>
        <source>Reseller copy (what the reseller may see)</source>
        <translation>Wersja dla resellera (to, co reseller może widzieć)</translation>
    </message>
</context>
<context>
    <name>PersonalDataPdf</name>
    <message>
        <source>Contact #%1</source>
        <translation>Kontakt nr %1</translation>
    </message>
    <message>
        <source>Prepared by %1, %2</source>
        <translation>Przygotował(a) %1, %2</translation>
    </message>
    <message>
        <source>Personal data held by HEZO Desk</source>
        <translation>Dane osobowe przechowywane w HEZO Desk</translation>
    </message>
    <message>
        <source>Right of access (RODO art. 15)</source>
        <translation>Prawo dostępu (art. 15 RODO)</translation>
    </message>
    <message>
        <source>Everything HEZO Desk holds about this person (right of access, RODO art. 15). The same content is in the accompanying JSON file.</source>
        <translation>Wszystko, co HEZO Desk przechowuje o tej osobie (prawo dostępu, art. 15 RODO). Ta sama treść znajduje się w dołączonym pliku JSON.</translation>
    </message>
    <message>
        <source>Contact id</source>
        <translation>Identyfikator kontaktu</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Imię</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Nazwisko</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Język</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>Zarejestrowano</translation>
    </message>
    <message>
        <source>Registered by</source>
        <translation>Zarejestrował(a)</translation>
    </message>
    <message>
        <source>Last changed</source>
        <translation>Ostatnia zmiana</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>Tax ID</source>
        <translation>NIP</translation>
    </message>
    <message>
        <source>Times are Polish local time.</source>
        <translation>Czas polski (Europe/Warsaw).</translation>
    </message>
    <message>
        <source>Registrations</source>
        <translation>Rejestracje</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Kiedy</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>Contract</source>
        <translation>Umowa</translation>
    </message>
    <message>
        <source>Serial as given</source>
        <translation>Numer seryjny podany</translation>
    </message>
    <message>
        <source>Serial read back</source>
        <translation>Numer seryjny odczytany</translation>
    </message>
    <message>
        <source>Tickets raised</source>
        <translation>Zgłoszone sprawy</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>Zgłoszenie</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Temat</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stan</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Otwarto</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Zamknięto</translation>
    </message>
    <message>
        <source>Messages written</source>
        <translation>Napisane wiadomości</translation>
    </message>
    <message>
        <source>Reseller-access decisions requested</source>
        <translation>Decyzje o dostępie partnera, o które osoba wnosiła</translation>
    </message>
    <message>
        <source>Access</source>
        <translation>Dostęp</translation>
    </message>
    <message>
        <source>Requested as</source>
        <translation>Wnioskujący</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanał</translation>
    </message>
    <message>
        <source>Agent, note</source>
        <translation>Agent, uwaga</translation>
    </message>
    <message>
        <source>Audit entries</source>
        <translation>Wpisy w dzienniku zdarzeń</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Czynność</translation>
    </message>
    <message>
        <source>What was recorded</source>
        <translation>Co zapisano</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Połączenia</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Kierunek</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Numer</translation>
    </message>
    <message>
        <source>incoming</source>
        <translation>przychodzące</translation>
    </message>
    <message>
        <source>outgoing</source>
        <translation>wychodzące</translation>
    </message>
    <message>
        <source>Polish</source>
        <translation>polski</translation>
    </message>
    <message>
        <source>English</source>
        <translation>angielski</translation>
    </message>
    <message>
        <source>None.</source>
        <translation>Brak.</translation>
    </message>
</context>
<context>
    <name>RegistrationWizard</name>
    <message>
        <source>Register a caller</source>
        <translation>Rejestracja dzwoniącego</translation>
    </message>
</context>
<context>
    <name>ReplyTemplates</name>
    <message>
        <source>Polish</source>
        <translation>polski</translation>
    </message>
    <message>
        <source>English</source>
        <translation>angielski</translation>
    </message>
</context>
<context>
    <name>ReportTexts</name>
    <message>
        <source>running, or stopped without finishing</source>
        <translation>w toku albo przerwany bez zakończenia</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>zakończony</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>anulowane</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>nieudany</translation>
    </message>
    <message>
        <source>interrupted: its process stopped before the end</source>
        <translation>przerwany: proces zatrzymał się przed końcem</translation>
    </message>
    <message>
        <source>%1 (dry run: nothing written)</source>
        <translation>%1 (próba: nic nie zapisano)</translation>
    </message>
    <message>
        <source>imported by an earlier run</source>
        <translation>zaimportowane we wcześniejszym przebiegu</translation>
    </message>
    <message>
        <source>same tax id as a company already there</source>
        <translation>ten sam NIP co firma już istniejąca</translation>
    </message>
    <message>
        <source>expired contracts do not move</source>
        <translation>wygasłe umowy nie są przenoszone</translation>
    </message>
    <message>
        <source>cancelled contracts do not move</source>
        <translation>anulowane umowy nie są przenoszone</translation>
    </message>
    <message>
        <source>its contract does not move</source>
        <translation>jego umowa nie jest przenoszona</translation>
    </message>
    <message>
        <source>closed tickets do not move</source>
        <translation>zamknięte zgłoszenia nie są przenoszone</translation>
    </message>
    <message>
        <source>cancelled tickets do not move</source>
        <translation>anulowane zgłoszenia nie są przenoszone</translation>
    </message>
    <message>
        <source>its ticket does not move</source>
        <translation>jego zgłoszenie nie jest przenoszone</translation>
    </message>
    <message>
        <source>its ticket was migrated earlier</source>
        <translation>jego zgłoszenie przeniesiono wcześniej</translation>
    </message>
    <message>
        <source>wrong number of fields</source>
        <translation>nieprawidłowa liczba pól</translation>
    </message>
    <message>
        <source>no legacy id</source>
        <translation>brak identyfikatora ze starego systemu</translation>
    </message>
    <message>
        <source>the same row twice</source>
        <translation>ten sam wiersz dwukrotnie</translation>
    </message>
    <message>
        <source>invalid tax id</source>
        <translation>nieprawidłowy NIP</translation>
    </message>
    <message>
        <source>a date that is not a date</source>
        <translation>data, która nie jest datą</translation>
    </message>
    <message>
        <source>a required value is empty</source>
        <translation>brak wymaganej wartości</translation>
    </message>
    <message>
        <source>a value the desk cannot take</source>
        <translation>wartość, której program nie może przyjąć</translation>
    </message>
    <message>
        <source>its customer is missing</source>
        <translation>brak jego klienta</translation>
    </message>
    <message>
        <source>its reseller is missing</source>
        <translation>brak jego resellera</translation>
    </message>
    <message>
        <source>its contract is missing</source>
        <translation>brak jego umowy</translation>
    </message>
    <message>
        <source>its ticket is missing</source>
        <translation>brak jego zgłoszenia</translation>
    </message>
    <message>
        <source>its file is not in the export</source>
        <translation>jego pliku nie ma w eksporcie</translation>
    </message>
    <message>
        <source>its file is too large</source>
        <translation>jego plik jest zbyt duży</translation>
    </message>
    <message>
        <source>its file in the zip is damaged</source>
        <translation>jego plik w archiwum zip jest uszkodzony</translation>
    </message>
    <message>
        <source>its file cannot be read</source>
        <translation>nie da się odczytać jego pliku</translation>
    </message>
    <message>
        <source>its file in the zip is encrypted</source>
        <translation>jego plik w archiwum zip jest zaszyfrowany</translation>
    </message>
    <message>
        <source>its file in the zip is compressed in a way that cannot be read</source>
        <translation>jego plik w archiwum zip jest skompresowany metodą, której nie da się odczytać</translation>
    </message>
    <message>
        <source>its file in the zip expands suspiciously (a zip bomb?)</source>
        <translation>jego plik w archiwum zip rozpakowuje się podejrzanie mocno (bomba zip?)</translation>
    </message>
    <message>
        <source>the row is longer than its file allows</source>
        <translation>wiersz jest dłuższy, niż pozwala format jego pliku</translation>
    </message>
    <message>
        <source>the row it belongs to was rejected</source>
        <translation>wiersz, do którego należy, został odrzucony</translation>
    </message>
    <message>
        <source>contradicts the desk</source>
        <translation>jest sprzeczne z danymi w programie</translation>
    </message>
</context>
<context>
    <name>ReportView</name>
    <message>
        <source>File</source>
        <translation>Plik</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Wynik</translation>
    </message>
    <message>
        <source>Rule or reason</source>
        <translation>Reguła lub przyczyna</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Wiersze</translation>
    </message>
    <message>
        <source>Legacy number</source>
        <translation>Numer w starym systemie</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>Zgłoszenie</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Oznaczenia</translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation>Kodowanie</translation>
    </message>
    <message>
        <source>Separator</source>
        <translation>Separator</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Przeczytano</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Zaimportowano</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Pominięto</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Odrzucone</translation>
    </message>
    <message>
        <source>Not processed</source>
        <translation>Nieprzetworzone</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Wiersz</translation>
    </message>
    <message>
        <source>Legacy id</source>
        <translation>Id w starym systemie</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Przyczyna</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Szczegóły</translation>
    </message>
    <message>
        <source>No report to show.</source>
        <translation>Brak raportu do pokazania.</translation>
    </message>
    <message>
        <source>%1 — %2. Read %3 rows: %4 imported, %5 skipped, %6 rejected; %7 ticket(s) flagged for review.</source>
        <translation>%1 — %2. Przeczytano wierszy: %3; zaimportowano: %4, pominięto: %5, odrzucono: %6; zgłoszeń oznaczonych do przeglądu: %7.</translation>
    </message>
    <message>
        <source>%1 — %2. Read %3 rows: %4 would be imported, %5 skipped, %6 rejected; %7 ticket(s) would be flagged for review.</source>
        <translation>%1 — %2. Przeczytano wierszy: %3; do zaimportowania: %4, do pominięcia: %5, do odrzucenia: %6; zgłoszeń do oznaczenia do przeglądu: %7.</translation>
    </message>
    <message>
        <source>Run %1, started %2 by %3.</source>
        <translation>Przebieg %1, rozpoczęty %2 przez %3.</translation>
    </message>
    <message>
        <source>%1 row(s) were not processed; run the import again to complete it.</source>
        <translation>Nieprzetworzonych wierszy: %1; uruchom import ponownie, aby go dokończyć.</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>pominięty</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>odrzucony</translation>
    </message>
    <message>
        <source>The lists show the first rows of each file; the counts are complete. The JSON report (--report) lists every row.</source>
        <translation>Listy pokazują pierwsze wiersze każdego pliku; liczby są pełne. Raport JSON (--report) wymienia każdy wiersz.</translation>
    </message>
    <message>
        <source>Rules and reasons</source>
        <translation>Reguły i przyczyny</translation>
    </message>
    <message>
        <source>Rejected rows (%1)</source>
        <translation>Odrzucone wiersze (%1)</translation>
    </message>
    <message>
        <source>Skipped rows (%1)</source>
        <translation>Pominięte wiersze (%1)</translation>
    </message>
    <message>
        <source>Flagged tickets (%1)</source>
        <translation>Oznaczone zgłoszenia (%1)</translation>
    </message>
</context>
<context>
    <name>ResellerPreview</name>
    <message>
        <source>What the reseller sees</source>
        <translation>Co widzi reseller</translation>
    </message>
    <message>
        <source>Choose a ticket to preview.</source>
        <translation>Wybierz zgłoszenie, aby zobaczyć podgląd.</translation>
    </message>
    <message>
        <source>A reseller</source>
        <translation>Reseller</translation>
    </message>
    <message>
        <source>What %1 sees</source>
        <translation>Co widzi %1</translation>
    </message>
    <message>
        <source>Nothing.</source>
        <translation>Nic.</translation>
    </message>
    <message>
        <source>%1 sees no part of this ticket: %2</source>
        <translation>%1 nie widzi żadnej części tego zgłoszenia: %2</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>Zgłoszenie</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Temat</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stan</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Klient</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Otwarto</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>Ostatnia zmiana</translation>
    </message>
    <message>
        <source>No attachments.</source>
        <translation>Brak załączników.</translation>
    </message>
    <message>
        <source>customer</source>
        <translation>klient</translation>
    </message>
    <message>
        <source>agent</source>
        <translation>konsultant</translation>
    </message>
    <message>
        <source>internal note</source>
        <translation>notatka wewnętrzna</translation>
    </message>
    <message>
        <source>INTERNAL NOTE</source>
        <translation>NOTATKA WEWNĘTRZNA</translation>
    </message>
    <message>
        <source>No messages yet.</source>
        <translation>Brak wiadomości.</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Wiadomości</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Załączniki</translation>
    </message>
</context>
<context>
    <name>ResellersScreen</name>
    <message>
        <source>Filter by name or tax id</source>
        <translation>Filtruj po nazwie lub NIP</translation>
    </message>
    <message>
        <source>Reseller</source>
        <translation>Reseller</translation>
    </message>
    <message>
        <source>Tax id</source>
        <translation>NIP</translation>
    </message>
    <message>
        <source>Active contracts</source>
        <translation>Aktywne umowy</translation>
    </message>
    <message>
        <source>Tickets it may see</source>
        <translation>Zgłoszenia, które może widzieć</translation>
    </message>
    <message>
        <source>Database roles</source>
        <translation>Role w bazie danych</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Odśwież</translation>
    </message>
    <message>
        <source>Choose a reseller.</source>
        <translation>Wybierz resellera.</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>Zgłoszenie</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Temat</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stan</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Klient</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Wiadomości</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Pliki</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>Ostatnia zmiana</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wczytywanie…</translation>
    </message>
    <message>
        <source>%1 may see no ticket: no customer has allowed it.</source>
        <translation>%1 nie może widzieć żadnego zgłoszenia: żaden klient się na to nie zgodził.</translation>
    </message>
    <message>
        <source>%1 may see %2 tickets; the %3 most recently changed are listed.</source>
        <translation>%1 może widzieć zgłoszeń: %2; na liście jest %3 ostatnio zmienionych.</translation>
    </message>
    <message>
        <source>%1 may see %2 ticket(s).</source>
        <translation>%1 może widzieć zgłoszeń: %2.</translation>
    </message>
    <message>
        <source>access was withdrawn meanwhile</source>
        <translation>dostęp został w międzyczasie odebrany</translation>
    </message>
</context>
<context>
    <name>RetentionPanel</name>
    <message>
        <source>Personal data: counting the contacts due for retention…</source>
        <translation>Dane osobowe: liczenie kontaktów do anonimizacji po okresie przechowywania…</translation>
    </message>
    <message>
        <source>Check who is due…</source>
        <translation>Sprawdź, kogo to dotyczy…</translation>
    </message>
    <message>
        <source>Anonymise them</source>
        <translation>Anonimizuj je</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Anuluj</translation>
    </message>
    <message>
        <source>Personal data: %1 contact(s) due for anonymisation (all their tickets closed before %2, nothing newer).</source>
        <translation>Dane osobowe: kontakty do anonimizacji: %1 (wszystkie ich zgłoszenia zamknięte przed %2, brak nowszej aktywności).</translation>
    </message>
    <message>
        <source> and %1 more</source>
        <translation> i %1 innych</translation>
    </message>
    <message>
        <source>Dry run: %1 contact(s) would be anonymised, of %2. Their tickets stay, anonymised. This cannot be undone.</source>
        <translation>Próba: zanonimizowane zostałyby kontakty (%1) firm: %2. Ich zgłoszenia pozostają, zanonimizowane. Tej operacji nie można cofnąć.</translation>
    </message>
    <message>
        <source>%1 contact(s) anonymised.</source>
        <translation>Zanonimizowano kontakty: %1.</translation>
    </message>
</context>
<context>
    <name>ReviewFlags</name>
    <message>
        <source>legacy %1; set to normal</source>
        <translation>stary system: %1; ustawiono normalny</translation>
    </message>
    <message>
        <source>the legacy subject is empty</source>
        <translation>temat w starym systemie jest pusty</translation>
    </message>
    <message>
        <source>attachment %1 rejected (attachments.csv line %2: %3)</source>
        <translation>odrzucono załącznik %1 (attachments.csv, wiersz %2: %3)</translation>
    </message>
    <message>
        <source>the legacy dialogue of this ticket is empty (no message moved)</source>
        <translation>korespondencja tego zgłoszenia w starym systemie jest pusta (nie przeniesiono żadnej wiadomości)</translation>
    </message>
    <message>
        <source>the legacy ticket names no contract; link one</source>
        <translation>zgłoszenie ze starego systemu nie wskazuje umowy; powiąż je z umową</translation>
    </message>
    <message>
        <source>contract %1 is %2 and did not move; link the right one</source>
        <translation>umowa %1 ma stan %2 i nie została przeniesiona; powiąż właściwą</translation>
    </message>
    <message>
        <source>contract %1 was rejected (contracts.csv line %2: %3); link the right one</source>
        <translation>umowę %1 odrzucono (contracts.csv, wiersz %2: %3); powiąż właściwą</translation>
    </message>
    <message>
        <source>contract %1 is not in the export; link the right one</source>
        <translation>umowy %1 nie ma w eksporcie; powiąż właściwą</translation>
    </message>
    <message>
        <source>contract %1 belongs to another customer; link the right one</source>
        <translation>umowa %1 należy do innego klienta; powiąż właściwą</translation>
    </message>
    <message>
        <source>the legacy serial is not valid (%1); link the right one</source>
        <translation>numer seryjny ze starego systemu jest błędny (%1); powiąż właściwy</translation>
    </message>
    <message>
        <source>the legacy ticket names no serial; link the right service</source>
        <translation>zgłoszenie ze starego systemu nie wskazuje numeru seryjnego; powiąż właściwą usługę</translation>
    </message>
    <message>
        <source>serial %1 not linked: its contract did not move</source>
        <translation>nie powiązano numeru seryjnego %1: jego umowa nie została przeniesiona</translation>
    </message>
    <message>
        <source>serial %1 is on no service of contract %2 that moved; link the right service</source>
        <translation>numeru seryjnego %1 nie ma na żadnej przeniesionej usłudze umowy %2; powiąż właściwą usługę</translation>
    </message>
    <message>
        <source>serial %1 has %2 services on contract %3 (%4); link the right one</source>
        <translation>numer seryjny %1 ma na umowie %3 kilka usług (%2: %4); powiąż właściwą</translation>
    </message>
    <message>
        <source>the legacy dialogue could not be rendered as PDF (%1); its messages are in the ticket</source>
        <translation>nie udało się zapisać korespondencji ze starego systemu jako PDF (%1); jej wiadomości są w zgłoszeniu</translation>
    </message>
    <message>
        <source>the legacy dialogue PDF has %1 MB, more than the desk stores per attachment; not attached (its messages are in the ticket)</source>
        <translation>PDF z korespondencją ze starego systemu ma %1 MB, więcej niż desk przyjmuje na załącznik; nie załączono go (jego wiadomości są w zgłoszeniu)</translation>
    </message>
</context>
<context>
    <name>ReviewQueueModel</name>
    <message>
        <source>Flags</source>
        <translation>Oznaczenia</translation>
    </message>
    <message>
        <source>no flags</source>
        <translation>bez oznaczeń</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Numer</translation>
    </message>
    <message>
        <source>Legacy number</source>
        <translation>Numer w starym systemie</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Temat</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Klient</translation>
    </message>
    <message>
        <source>Contract</source>
        <translation>Umowa</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>Numer seryjny</translation>
    </message>
    <message>
        <source>Migrated</source>
        <translation>Przeniesione</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message numerus="yes">
        <source>%n flag(s)</source>
        <translation>
            <numerusform>%n oznaczenie</numerusform>
            <numerusform>%n oznaczenia</numerusform>
            <numerusform>%n oznaczeń</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewScreen</name>
    <message>
        <source>&amp;Flagged only</source>
        <translation>Tylko ozn&amp;aczone</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Odśwież</translation>
    </message>
    <message>
        <source>&amp;Link contract and serial</source>
        <translation>Po&amp;wiąż umowę i numer seryjny</translation>
    </message>
    <message>
        <source>&amp;Mark reviewed</source>
        <translation>Oznacz jako prze&amp;jrzane</translation>
    </message>
    <message>
        <source>Contract:</source>
        <translation>Umowa:</translation>
    </message>
    <message>
        <source>Serial:</source>
        <translation>Numer seryjny:</translation>
    </message>
    <message numerus="yes">
        <source>%Ln case(s) waiting for review</source>
        <translation>
            <numerusform>%Ln sprawa czeka na przegląd</numerusform>
            <numerusform>%Ln sprawy czekają na przegląd</numerusform>
            <numerusform>%Ln spraw czeka na przegląd</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 migrated cases reviewed</source>
        <translation>Przejrzano %1 z %2 przeniesionych spraw</translation>
    </message>
    <message numerus="yes">
        <source>%n flagged waiting</source>
        <translation>
            <numerusform>%n oznaczona czeka</numerusform>
            <numerusform>%n oznaczone czekają</numerusform>
            <numerusform>%n oznaczonych czeka</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading the dialogue…</source>
        <translation>Wczytywanie korespondencji…</translation>
    </message>
    <message>
        <source>Choose a case in the queue.</source>
        <translation>Wybierz sprawę z kolejki.</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Klient</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stan</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorytet</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Otwarto</translation>
    </message>
    <message>
        <source>Contract</source>
        <translation>Umowa</translation>
    </message>
    <message>
        <source>not linked</source>
        <translation>niepowiązane</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>Numer seryjny</translation>
    </message>
    <message>
        <source>In the legacy system</source>
        <translation>W starym systemie</translation>
    </message>
    <message>
        <source>contract %1, serial %2</source>
        <translation>umowa %1, numer seryjny %2</translation>
    </message>
    <message>
        <source>Dialogue</source>
        <translation>Korespondencja</translation>
    </message>
    <message>
        <source>%1 message(s), of which %2 internal note(s)</source>
        <translation>wiadomości: %1, w tym notatek wewnętrznych: %2</translation>
    </message>
    <message>
        <source>Migrated</source>
        <translation>Przeniesione</translation>
    </message>
    <message>
        <source>%1 (run %2)</source>
        <translation>%1 (przebieg %2)</translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation>Przejrzano</translation>
    </message>
    <message>
        <source>No flags: the migration linked it.</source>
        <translation>Bez oznaczeń: migracja powiązała je sama.</translation>
    </message>
    <message>
        <source>The customer has no contract in the desk</source>
        <translation>Klient nie ma umowy w programie</translation>
    </message>
    <message>
        <source>(no serial)</source>
        <translation>(bez numeru seryjnego)</translation>
    </message>
    <message>
        <source>This case has no legacy dialogue PDF.</source>
        <translation>Ta sprawa nie ma pliku PDF z korespondencją ze starego systemu.</translation>
    </message>
    <message numerus="yes">
        <source>Legacy dialogue (internal: notes included) – %n page(s)</source>
        <translation>
            <numerusform>Korespondencja ze starego systemu (wewnętrzna, z notatkami) – %n strona</numerusform>
            <numerusform>Korespondencja ze starego systemu (wewnętrzna, z notatkami) – %n strony</numerusform>
            <numerusform>Korespondencja ze starego systemu (wewnętrzna, z notatkami) – %n stron</numerusform>
        </translation>
    </message>
    <message>
        <source>Linked.</source>
        <translation>Powiązano.</translation>
    </message>
    <message>
        <source>Linked. The ticket moved from %1 to %2: a yes of the customer does not carry over. Ask the customer whether %2 may see it and record the decision on the ticket&apos;s Reseller access tab.</source>
        <translation>Powiązano. Zgłoszenie przeszło od %1 do %2: zgoda klienta nie przechodzi na nowego resellera. Zapytaj klienta, czy %2 może je widzieć, i zapisz decyzję na karcie zgłoszenia „Dostęp resellera”.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Zapisywanie…</translation>
    </message>
    <message>
        <source>Marked reviewed.</source>
        <translation>Oznaczono jako przejrzane.</translation>
    </message>
    <message>
        <source>The case is shown as it is now; check it and try again.</source>
        <translation>Sprawa jest pokazana w obecnym stanie; sprawdź ją i spróbuj ponownie.</translation>
    </message>
</context>
<context>
    <name>RoleDialog</name>
    <message>
        <source>Role of %1</source>
        <translation>Rola: %1</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rola</translation>
    </message>
</context>
<context>
    <name>Screens</name>
    <message>
        <source>Caller lookup</source>
        <translation>Wyszukiwanie dzwoniącego</translation>
    </message>
    <message>
        <source>Tickets</source>
        <translation>Zgłoszenia</translation>
    </message>
    <message>
        <source>Contracts</source>
        <translation>Umowy</translation>
    </message>
    <message>
        <source>Serials</source>
        <translation>Numery seryjne</translation>
    </message>
    <message>
        <source>Resellers</source>
        <translation>Resellerzy</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Połączenia</translation>
    </message>
    <message>
        <source>Call-backs</source>
        <translation>Do oddzwonienia</translation>
    </message>
    <message>
        <source>Migration review</source>
        <translation>Przegląd migracji</translation>
    </message>
    <message>
        <source>Migration reports</source>
        <translation>Raporty migracji</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Dziennik zdarzeń</translation>
    </message>
    <message>
        <source>Calls per hour</source>
        <translation>Połączenia na godzinę</translation>
    </message>
    <message>
        <source>Reply templates</source>
        <translation>Szablony odpowiedzi</translation>
    </message>
    <message>
        <source>Service levels</source>
        <translation>Poziomy obsługi</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Pulpit</translation>
    </message>
    <message>
        <source>Agents</source>
        <translation>Konsultanci</translation>
    </message>
    <message>
        <source>R&amp;eseller access</source>
        <translation>Dos&amp;tęp resellera</translation>
    </message>
    <message>
        <source>PDF: preview, export, print…</source>
        <translation>PDF: podgląd, eksport, druk…</translation>
    </message>
    <message>
        <source>Insert a reply template…</source>
        <translation>Wstaw szablon odpowiedzi…</translation>
    </message>
    <message>
        <source>Export selected tickets as PDF…</source>
        <translation>Eksportuj zaznaczone zgłoszenia do PDF…</translation>
    </message>
    <message>
        <source>&amp;Import legacy export…</source>
        <translation>&amp;Importuj eksport starego systemu…</translation>
    </message>
</context>
<context>
    <name>SerialsScreen</name>
    <message>
        <source>Serial in any notation: (H)-FG1234567890, (H2)-…, FG1234567890</source>
        <translation>Numer seryjny w dowolnym zapisie: (H)-FG1234567890, (H2)-…, FG1234567890</translation>
    </message>
    <message>
        <source>The exact notation typed is shown in bold among the serial&apos;s services</source>
        <translation>Dokładnie wpisany zapis jest pogrubiony wśród usług tego numeru seryjnego</translation>
    </message>
    <message numerus="yes">
        <source>%Ln service(s)</source>
        <translation>
            <numerusform>%Ln usługa</numerusform>
            <numerusform>%Ln usługi</numerusform>
            <numerusform>%Ln usług</numerusform>
        </translation>
    </message>
    <message>
        <source>A serial number has only letters and digits.</source>
        <translation>Numer seryjny składa się tylko z liter i cyfr.</translation>
    </message>
    <message>
        <source>A serial number has %1 to %2 characters.</source>
        <translation>Numer seryjny ma od %1 do %2 znaków.</translation>
    </message>
    <message>
        <source>There is no (H0): a single service is written (H)-…</source>
        <translation>Nie ma (H0): pojedynczą usługę zapisuje się jako (H)-…</translation>
    </message>
    <message>
        <source>The notation holds no serial number.</source>
        <translation>Zapis nie zawiera numeru seryjnego.</translation>
    </message>
</context>
<context>
    <name>ServiceLevelDialog</name>
    <message>
        <source>Service level of %1</source>
        <translation>Poziom obsługi %1</translation>
    </message>
    <message>
        <source>%1, %2, contract %3</source>
        <translation>%1, %2, umowa %3</translation>
    </message>
    <message>
        <source>&amp;Level</source>
        <translation>&amp;Poziom</translation>
    </message>
    <message>
        <source>Tickets opened from now on get the new level&apos;s targets; open tickets keep theirs.</source>
        <translation>Zgłoszenia otwarte od teraz dostaną cele nowego poziomu; otwarte zgłoszenia zachowują swoje.</translation>
    </message>
    <message>
        <source>No level chosen yet.</source>
        <translation>Nie wybrano jeszcze poziomu.</translation>
    </message>
    <message>
        <source>%1
Response (critical / high / normal / low): %2
Resolution (critical / high / normal / low): %3</source>
        <translation>%1
Reakcja (krytyczny / wysoki / normalny / niski): %2
Rozwiązanie (krytyczny / wysoki / normalny / niski): %3</translation>
    </message>
</context>
<context>
    <name>ServiceLevels</name>
    <message>
        <source>Tickets opened from now on get the new targets; open tickets keep theirs until a supervisor recomputes them (%1).</source>
        <translation>Zgłoszenia otwarte od teraz dostaną nowe cele; otwarte zgłoszenia zachowują swoje, dopóki kierownik ich nie przeliczy (%1).</translation>
    </message>
    <message>
        <source>Dues set at opening</source>
        <translation>Terminy ustalone przy otwarciu</translation>
    </message>
    <message>
        <source>Clock paused while waiting for the customer</source>
        <translation>Zegar wstrzymany na czas oczekiwania na klienta</translation>
    </message>
    <message>
        <source>Clock resumed</source>
        <translation>Zegar wznowiony</translation>
    </message>
    <message>
        <source>First reply to the customer</source>
        <translation>Pierwsza odpowiedź dla klienta</translation>
    </message>
    <message>
        <source>Clock stopped (closed or cancelled)</source>
        <translation>Zegar zatrzymany (zamknięte lub anulowane)</translation>
    </message>
    <message>
        <source>Clock resumed on reopening (the closed time does not count)</source>
        <translation>Zegar wznowiony po ponownym otwarciu (czas zamknięcia się nie liczy)</translation>
    </message>
    <message>
        <source>Dues recomputed for the new priority</source>
        <translation>Terminy przeliczone dla nowego priorytetu</translation>
    </message>
    <message>
        <source>Dues recomputed for the new service&apos;s level</source>
        <translation>Terminy przeliczone dla poziomu nowej usługi</translation>
    </message>
    <message>
        <source>Dues recomputed after the service level changed</source>
        <translation>Terminy przeliczone po zmianie poziomu obsługi</translation>
    </message>
    <message>
        <source>Dues counted from the legacy opening at migration</source>
        <translation>Terminy liczone od otwarcia w starym systemie (migracja)</translation>
    </message>
    <message>
        <source>response due %1, resolution due %2</source>
        <translation>termin odpowiedzi %1, termin rozwiązania %2</translation>
    </message>
    <message>
        <source>(were %1 and %2)</source>
        <translation>(wcześniej %1 i %2)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>brak</translation>
    </message>
    <message>
        <source>response target met</source>
        <translation>cel odpowiedzi dotrzymany</translation>
    </message>
    <message>
        <source>response target missed</source>
        <translation>cel odpowiedzi przekroczony</translation>
    </message>
    <message>
        <source>resolution target met</source>
        <translation>cel rozwiązania dotrzymany</translation>
    </message>
    <message>
        <source>resolution target missed</source>
        <translation>cel rozwiązania przekroczony</translation>
    </message>
    <message>
        <source>already overdue on arrival</source>
        <translation>już po terminie w chwili migracji</translation>
    </message>
    <message>
        <source>Service level %1: %2 open ticket(s) recomputed, %3 with changed dues</source>
        <translation>Poziom obsługi %1: przeliczono otwarte zgłoszenia: %2, ze zmienionymi terminami: %3</translation>
    </message>
</context>
<context>
    <name>ServiceLevelsModel</name>
    <message>
        <source>Name</source>
        <translation>Nazwa</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>Kalendarz</translation>
    </message>
    <message>
        <source>Built-in</source>
        <translation>Wbudowany</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>Usługi</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>Reakcja</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Rozwiązanie</translation>
    </message>
</context>
<context>
    <name>ServiceLevelsScreen</name>
    <message>
        <source>Only supervisors and administrators manage service levels.</source>
        <translation>Poziomami obsługi zarządzają tylko kierownicy i administratorzy.</translation>
    </message>
    <message>
        <source>&amp;Add level…</source>
        <translation>&amp;Dodaj poziom…</translation>
    </message>
    <message>
        <source>&amp;Edit level…</source>
        <translation>Z&amp;mień poziom…</translation>
    </message>
    <message>
        <source>&amp;Remove level</source>
        <translation>&amp;Usuń poziom</translation>
    </message>
    <message>
        <source>Re&amp;compute open tickets…</source>
        <translation>Przel&amp;icz otwarte zgłoszenia…</translation>
    </message>
    <message>
        <source>Targets per priority: critical / high / normal / low, in hours and minutes of the level&apos;s calendar; NBD: by 16:00 of the next business day; —: no target.</source>
        <translation>Cele dla priorytetów: krytyczny / wysoki / normalny / niski, w godzinach i minutach kalendarza poziomu; NBD: do 16:00 następnego dnia roboczego; —: brak celu.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln service level(s)</source>
        <translation>
            <numerusform>%Ln poziom obsługi</numerusform>
            <numerusform>%Ln poziomy obsługi</numerusform>
            <numerusform>%Ln poziomów obsługi</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove a service level</source>
        <translation>Usuń poziom obsługi</translation>
    </message>
    <message>
        <source>Remove the service level %1?</source>
        <translation>Usunąć poziom obsługi %1?</translation>
    </message>
    <message>
        <source>Recompute open tickets</source>
        <translation>Przelicz otwarte zgłoszenia</translation>
    </message>
    <message>
        <source>Give every open ticket of the service level %1 the level&apos;s targets as they are now, and compute its dues again? Each ticket whose dues move says so in its history.</source>
        <translation>Nadać każdemu otwartemu zgłoszeniu poziomu obsługi %1 obecne cele tego poziomu i ponownie obliczyć jego terminy? Każde zgłoszenie, którego terminy się zmienią, odnotuje to w swojej historii.</translation>
    </message>
    <message>
        <source>the button “Recompute open tickets…”</source>
        <translation>przycisk „Przelicz otwarte zgłoszenia…”</translation>
    </message>
</context>
<context>
    <name>ServicesModel</name>
    <message>
        <source>Notation</source>
        <translation>Zapis</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>Numer seryjny</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <source>Contract</source>
        <translation>Umowa</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Klient</translation>
    </message>
    <message>
        <source>Term</source>
        <translation>Okres</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>HEZO Desk — settings</source>
        <translation>HEZO Desk — ustawienia</translation>
    </message>
    <message>
        <source>&amp;Local file (this computer only)</source>
        <translation>Plik &amp;lokalny (tylko ten komputer)</translation>
    </message>
    <message>
        <source>&amp;Shared PostgreSQL server (several agents)</source>
        <translation>&amp;Wspólny serwer PostgreSQL (wielu konsultantów)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Przeglądaj…</translation>
    </message>
    <message>
        <source>kept in the system keyring</source>
        <translation>przechowywane w systemowym magazynie haseł</translation>
    </message>
    <message>
        <source>no keyring: asked for at each start</source>
        <translation>brak magazynu haseł: pytanie przy każdym uruchomieniu</translation>
    </message>
    <message>
        <source>No system keyring is available: the password is not stored anywhere and the desk asks for it when it connects.</source>
        <translation>Brak systemowego magazynu haseł: hasło nie jest nigdzie zapisywane, program pyta o nie przy łączeniu.</translation>
    </message>
    <message>
        <source>Database file:</source>
        <translation>Plik bazy danych:</translation>
    </message>
    <message>
        <source>Host:</source>
        <translation>Serwer:</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Port:</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>Baza danych:</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>Użytkownik:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Hasło:</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>&amp;Sprawdź połączenie</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Jasny</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Ciemny</translation>
    </message>
    <message>
        <source>Theme:</source>
        <translation>Motyw:</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Język:</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Baza danych</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Wygląd</translation>
    </message>
    <message>
        <source>Database file</source>
        <translation>Plik bazy danych</translation>
    </message>
    <message>
        <source>SQLite database (*.sqlite3 *.db);;All files (*)</source>
        <translation>Baza SQLite (*.sqlite3 *.db);;Wszystkie pliki (*)</translation>
    </message>
    <message>
        <source>Name the database.</source>
        <translation>Podaj nazwę bazy danych.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Łączenie…</translation>
    </message>
    <message>
        <source>Connected. The schema is up to date.</source>
        <translation>Połączono. Schemat jest aktualny.</translation>
    </message>
    <message>
        <source>Connected. The database is empty; the desk will create its schema (a shared server: run hezo-desk db upgrade).</source>
        <translation>Połączono. Baza jest pusta; program utworzy schemat (na wspólnym serwerze: uruchom hezo-desk db upgrade).</translation>
    </message>
    <message>
        <source>Connected. The schema needs an upgrade (hezo-desk db upgrade).</source>
        <translation>Połączono. Schemat wymaga aktualizacji (hezo-desk db upgrade).</translation>
    </message>
    <message>
        <source>Connected, but the database is newer than this HEZO Desk: update the desk first.</source>
        <translation>Połączono, ale baza jest nowsza niż ten HEZO Desk: najpierw zaktualizuj program.</translation>
    </message>
    <message>
        <source>Cannot connect: %1</source>
        <translation>Nie można połączyć: %1</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Skróty klawiszowe</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Klawisze</translation>
    </message>
    <message>
        <source>What they do</source>
        <translation>Co robią</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>HEZO Desk — sign in</source>
        <translation>HEZO Desk — logowanie</translation>
    </message>
    <message>
        <source>Remember me on this computer</source>
        <translation>Zapamiętaj mnie na tym komputerze</translation>
    </message>
    <message>
        <source>No system keyring is available, so the password cannot be remembered; it is asked for at every start and never stored elsewhere.</source>
        <translation>Brak systemowego magazynu haseł, więc hasła nie można zapamiętać; program pyta o nie przy każdym uruchomieniu i nigdzie go nie zapisuje.</translation>
    </message>
    <message>
        <source>&amp;Login:</source>
        <translation>&amp;Login:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Hasło:</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>Baza danych: %1</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Zaloguj</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Ustawienia…</translation>
    </message>
    <message>
        <source>Sign in to HEZO Desk</source>
        <translation>Logowanie do HEZO Desk</translation>
    </message>
    <message>
        <source>Type your login and password.</source>
        <translation>Wpisz login i hasło.</translation>
    </message>
    <message>
        <source>Wrong login or password, or the account is deactivated.</source>
        <translation>Błędny login lub hasło albo konto jest dezaktywowane.</translation>
    </message>
    <message>
        <source>Cannot sign in: %1</source>
        <translation>Nie można się zalogować: %1</translation>
    </message>
</context>
<context>
    <name>TargetEditor</name>
    <message>
        <source>minutes</source>
        <translation>minuty</translation>
    </message>
    <message>
        <source>next business day, 16:00</source>
        <translation>następny dzień roboczy, 16:00</translation>
    </message>
    <message>
        <source>no target</source>
        <translation>brak celu</translation>
    </message>
    <message>
        <source>Hours and minutes of the level&apos;s calendar (h:mm)</source>
        <translation>Godziny i minuty kalendarza poziomu (g:mm)</translation>
    </message>
</context>
<context>
    <name>TemplateEditor</name>
    <message>
        <source>New reply template</source>
        <translation>Nowy szablon odpowiedzi</translation>
    </message>
    <message>
        <source>Edit reply template</source>
        <translation>Edycja szablonu odpowiedzi</translation>
    </message>
    <message>
        <source>Placeholders: %1. {cursor} marks a gap where the agent goes on typing; {{ and }} write a brace.</source>
        <translation>Pola: %1. {cursor} oznacza lukę, w której agent pisze dalej; {{ i }} zapisują sam nawias klamrowy.</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nazwa:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Język:</translation>
    </message>
    <message>
        <source>&amp;Text:</source>
        <translation>&amp;Treść:</translation>
    </message>
</context>
<context>
    <name>TemplatePicker</name>
    <message>
        <source>Insert a reply template</source>
        <translation>Wstaw szablon odpowiedzi</translation>
    </message>
    <message>
        <source>Type to filter by name or text; Down: the list, Enter: insert</source>
        <translation>Pisz, aby zawęzić po nazwie lub treści; strzałka w dół: lista, Enter: wstaw</translation>
    </message>
    <message>
        <source>&amp;Filter:</source>
        <translation>&amp;Filtr:</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Szablon</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Język</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wczytywanie…</translation>
    </message>
    <message>
        <source>&amp;Insert</source>
        <translation>&amp;Wstaw</translation>
    </message>
    <message>
        <source>No template matches.</source>
        <translation>Żaden szablon nie pasuje.</translation>
    </message>
    <message>
        <source>There are no reply templates yet: supervisors add them.</source>
        <translation>Nie ma jeszcze szablonów odpowiedzi: dodają je kierownicy.</translation>
    </message>
</context>
<context>
    <name>TemplatesScreen</name>
    <message>
        <source>Filter by name or text</source>
        <translation>Filtruj po nazwie lub treści</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Szablon</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Język</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Zmieniony</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Przez</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Dodaj…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>Edy&amp;tuj…</translation>
    </message>
    <message>
        <source>Re&amp;move…</source>
        <translation>&amp;Usuń…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Odśwież</translation>
    </message>
    <message>
        <source>No template matches.</source>
        <translation>Żaden szablon nie pasuje.</translation>
    </message>
    <message>
        <source>No reply templates yet: Add writes the first.</source>
        <translation>Nie ma jeszcze szablonów odpowiedzi: pierwszy utworzysz przyciskiem Dodaj.</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>Zapisano: %1</translation>
    </message>
    <message>
        <source>Removed: %1</source>
        <translation>Usunięto: %1</translation>
    </message>
    <message>
        <source>Remove the template</source>
        <translation>Usuwanie szablonu</translation>
    </message>
    <message>
        <source>Remove the template %1 (%2)? Agents can no longer insert it.</source>
        <translation>Usunąć szablon %1 (%2)? Agenci nie będą mogli go już wstawiać.</translation>
    </message>
</context>
<context>
    <name>TicketView</name>
    <message>
        <source>Loading…</source>
        <translation>Wczytywanie…</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Klient</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Kontakt</translation>
    </message>
    <message>
        <source>Contract</source>
        <translation>Umowa</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>Numer seryjny</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanał</translation>
    </message>
    <message>
        <source>Reseller access</source>
        <translation>Dostęp resellera</translation>
    </message>
    <message>
        <source>Legacy number</source>
        <translation>Numer w starym systemie</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Otwarto</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>Ostatnia zmiana</translation>
    </message>
    <message>
        <source>Migration review</source>
        <translation>Przegląd migracji</translation>
    </message>
    <message>
        <source>Assign to &amp;me</source>
        <translation>Przypisz do &amp;mnie</translation>
    </message>
    <message>
        <source>&amp;State:</source>
        <translation>&amp;Stan:</translation>
    </message>
    <message>
        <source>P&amp;riority:</source>
        <translation>P&amp;riorytet:</translation>
    </message>
    <message>
        <source>Ass&amp;ignee:</source>
        <translation>O&amp;dpowiedzialny:</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nazwa</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Rozmiar</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Rodzaj</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Dodano</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Otwórz</translation>
    </message>
    <message>
        <source>Save &amp;as…</source>
        <translation>Zapisz &amp;jako…</translation>
    </message>
    <message>
        <source>Add &amp;file…</source>
        <translation>Dodaj p&amp;lik…</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Kiedy</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Konsultant</translation>
    </message>
    <message>
        <source>system</source>
        <translation>system</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Co</translation>
    </message>
    <message>
        <source>Dialogue</source>
        <translation>Korespondencja</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Załączniki</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historia</translation>
    </message>
    <message>
        <source>Write a reply to the customer or an internal note… (Ctrl+Enter sends)</source>
        <translation>Napisz odpowiedź do klienta lub notatkę wewnętrzną… (Ctrl+Enter wysyła)</translation>
    </message>
    <message>
        <source>Reply to the customer</source>
        <translation>Odpowiedź do klienta</translation>
    </message>
    <message>
        <source>Internal note (staff only)</source>
        <translation>Notatka wewnętrzna (tylko dla personelu)</translation>
    </message>
    <message>
        <source>Se&amp;nd</source>
        <translation>&amp;Wyślij</translation>
    </message>
    <message>
        <source>Template…</source>
        <translation>Szablon…</translation>
    </message>
    <message>
        <source>Insert a reply template filled in for this ticket (Ctrl+T)</source>
        <translation>Wstaw szablon odpowiedzi wypełniony dla tego zgłoszenia (Ctrl+T)</translation>
    </message>
    <message>
        <source>This ticket has no value for %1: check the text.</source>
        <translation>To zgłoszenie nie ma wartości dla %1: sprawdź tekst.</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Wysyłanie…</translation>
    </message>
    <message>
        <source>Checking whether this text was already sent…</source>
        <translation>Sprawdzanie, czy ten tekst został już wysłany…</translation>
    </message>
    <message>
        <source>not linked</source>
        <translation>niepowiązane</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>tak</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>(unassigned)</source>
        <translation>(nieprzypisane)</translation>
    </message>
    <message>
        <source>customer</source>
        <translation>klient</translation>
    </message>
    <message>
        <source>agent</source>
        <translation>konsultant</translation>
    </message>
    <message>
        <source>internal note</source>
        <translation>notatka wewnętrzna</translation>
    </message>
    <message>
        <source>INTERNAL NOTE — never shown to the customer or reseller</source>
        <translation>NOTATKA WEWNĘTRZNA — nigdy niewidoczna dla klienta ani resellera</translation>
    </message>
    <message>
        <source>No messages yet.</source>
        <translation>Brak wiadomości.</translation>
    </message>
    <message>
        <source>Attachments (%1)</source>
        <translation>Załączniki (%1)</translation>
    </message>
    <message>
        <source>Also open by: %1</source>
        <translation>Otwarte także przez: %1</translation>
    </message>
    <message>
        <source>reviewed</source>
        <translation>przejrzane</translation>
    </message>
    <message>
        <source>not yet reviewed</source>
        <translation>jeszcze nieprzejrzane</translation>
    </message>
    <message>
        <source>(details)</source>
        <translation>(szczegóły)</translation>
    </message>
    <message>
        <source>Changed by someone else</source>
        <translation>Zmienione przez kogoś innego</translation>
    </message>
    <message>
        <source>%1 was changed by someone else while you were looking at it. Your change was not saved.</source>
        <translation>Ktoś inny zmienił %1, gdy je przeglądałeś(-aś). Twoja zmiana nie została zapisana.</translation>
    </message>
    <message>
        <source>Latest changes:</source>
        <translation>Ostatnie zmiany:</translation>
    </message>
    <message>
        <source>Now: state %1, priority %2, assignee %3.</source>
        <translation>Teraz: stan %1, priorytet %2, odpowiedzialny %3.</translation>
    </message>
    <message>
        <source>Your change: %1</source>
        <translation>Twoja zmiana: %1</translation>
    </message>
    <message>
        <source>&amp;Apply my change on top</source>
        <translation>&amp;Zastosuj moją zmianę mimo to</translation>
    </message>
    <message>
        <source>&amp;Keep theirs</source>
        <translation>Z&amp;ostaw ich zmianę</translation>
    </message>
    <message>
        <source>state → %1</source>
        <translation>stan → %1</translation>
    </message>
    <message>
        <source>priority → %1</source>
        <translation>priorytet → %1</translation>
    </message>
    <message>
        <source>assignee → %1</source>
        <translation>odpowiedzialny → %1</translation>
    </message>
    <message>
        <source>The ticket is closed: reopen it to reply; an internal note is possible.</source>
        <translation>Zgłoszenie jest zamknięte: otwórz je ponownie, aby odpowiedzieć; notatkę wewnętrzną można dodać.</translation>
    </message>
    <message>
        <source>Internal notes are never shown to the customer or the reseller.</source>
        <translation>Notatki wewnętrzne nigdy nie są pokazywane klientowi ani resellerowi.</translation>
    </message>
    <message>
        <source>The draft could not be saved: %1</source>
        <translation>Nie udało się zapisać szkicu: %1</translation>
    </message>
    <message>
        <source>Save attachment</source>
        <translation>Zapisz załącznik</translation>
    </message>
    <message>
        <source>Attach a file</source>
        <translation>Dołącz plik</translation>
    </message>
    <message>
        <source>Not saved yet: %1. Your text is kept.</source>
        <translation>Jeszcze nie zapisano: %1. Twój tekst jest zachowany.</translation>
    </message>
    <message>
        <source>The database cannot be reached (%1). Nothing was lost: your text is kept; try again in a moment.</source>
        <translation>Baza danych jest niedostępna (%1). Nic nie zginęło: Twój tekst jest zachowany; spróbuj ponownie za chwilę.</translation>
    </message>
</context>
<context>
    <name>TicketsModel</name>
    <message>
        <source>Number</source>
        <translation>Numer</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Temat</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Klient</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>Numer seryjny</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stan</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorytet</translation>
    </message>
    <message>
        <source>Time left</source>
        <comment>until the ticket&apos;s next service-level due</comment>
        <translation>Pozostało</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanał</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Odpowiedzialny</translation>
    </message>
    <message>
        <source>Reseller access</source>
        <translation>Dostęp resellera</translation>
    </message>
    <message>
        <source>no reseller on this ticket</source>
        <translation>brak resellera przy tym zgłoszeniu</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>Ostatnia zmiana</translation>
    </message>
    <message>
        <source>allowed</source>
        <translation>dozwolony</translation>
    </message>
    <message>
        <source>not allowed</source>
        <translation>niedozwolony</translation>
    </message>
    <message>
        <source>Legacy number: %1</source>
        <translation>Numer w starym systemie: %1</translation>
    </message>
    <message>
        <source>Migrated, not reviewed yet</source>
        <translation>Przeniesione, jeszcze nieprzejrzane</translation>
    </message>
</context>
<context>
    <name>TicketsScreen</name>
    <message>
        <source>Search: ticket number (HD-000123, legacy), subject, words in the dialogue</source>
        <translation>Szukaj: numer zgłoszenia (HD-000123, stary), temat, słowa w korespondencji</translation>
    </message>
    <message>
        <source>Ctrl+F; Polish letters optional: lodz finds Łódź</source>
        <translation>Ctrl+F; polskie znaki niekonieczne: lodz znajdzie Łódź</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>Wszystkie stany</translation>
    </message>
    <message>
        <source>Open</source>
        <comment>the tickets not closed or cancelled (not the verb)</comment>
        <translation>Otwarte</translation>
    </message>
    <message>
        <source>All priorities</source>
        <translation>Wszystkie priorytety</translation>
    </message>
    <message>
        <source>My tickets</source>
        <translation>Moje zgłoszenia</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Nieprzypisane</translation>
    </message>
    <message>
        <source>Migrated, not reviewed</source>
        <translation>Przeniesione, nieprzejrzane</translation>
    </message>
    <message>
        <source>Breached</source>
        <comment>tickets past their service-level due</comment>
        <translation>Po terminie</translation>
    </message>
    <message>
        <source>Open tickets past their next service-level due</source>
        <translation>Otwarte zgłoszenia po najbliższym terminie poziomu obsługi</translation>
    </message>
    <message>
        <source>Due within 1 hour</source>
        <translation>Termin w ciągu 1 godz.</translation>
    </message>
    <message>
        <source>Open tickets whose next service-level due comes within the hour</source>
        <translation>Otwarte zgłoszenia, których najbliższy termin poziomu obsługi mija w ciągu godziny</translation>
    </message>
    <message>
        <source>Nothing to search for: type a word or a ticket number</source>
        <translation>Nie ma czego szukać: wpisz słowo lub numer zgłoszenia</translation>
    </message>
    <message numerus="yes">
        <source>%Ln ticket(s)</source>
        <translation>
            <numerusform>%Ln zgłoszenie</numerusform>
            <numerusform>%Ln zgłoszenia</numerusform>
            <numerusform>%Ln zgłoszeń</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WaitDialog</name>
    <message>
        <source>HEZO Desk</source>
        <translation>HEZO Desk</translation>
    </message>
</context>
</TS>
