<#import "template.ftl" as layout>
<#import "fields.ftl" as fields>
<#function valueOf name>
    <#return ((profile.attributesByName[name].value)!'')>
</#function>
<#function errorOf name>
    <#return messagesPerField.existsError(name)?then(messagesPerField.get(name), '')>
</#function>
<@layout.registrationLayout displayMessage=messagesPerField.exists('global') displayRequiredFields=true; section>
    <#if section = "header">
        Créer un compte candidat
    <#elseif section = "form">
        <p>Votre compte vous sert à déposer votre demande d’installation, à la compléter en plusieurs fois et à suivre les propositions du guichet. Nous vous enverrons un lien pour confirmer votre adresse électronique.</p>
        <form id="kc-register-form" action="${url.registrationAction}" method="post" novalidate>
            <fieldset class="fr-fieldset" aria-labelledby="identite-legende">
                <legend class="fr-fieldset__legend" id="identite-legende"><h2 class="fr-h5 fr-mb-0">Qui vous êtes</h2></legend>
                <div class="fr-fieldset__element">
                    <@fields.input name="firstName" label="Prénom" value=valueOf('firstName') autocomplete="given-name" error=errorOf('firstName') autofocus=true/>
                </div>
                <div class="fr-fieldset__element">
                    <@fields.input name="lastName" label="Nom" value=valueOf('lastName') autocomplete="family-name" error=errorOf('lastName')/>
                </div>
            </fieldset>
            <fieldset class="fr-fieldset" aria-labelledby="connexion-legende">
                <legend class="fr-fieldset__legend" id="connexion-legende"><h2 class="fr-h5 fr-mb-0">Pour vous connecter</h2></legend>
                <div class="fr-fieldset__element">
                    <@fields.input name="email" type="email" label="Adresse électronique" hint="Format attendu : nom@domaine.fr. Elle vous servira d’identifiant."
                        value=valueOf('email') autocomplete="email" error=errorOf('email')/>
                </div>
                <#if !realm.registrationEmailAsUsername>
                    <div class="fr-fieldset__element">
                        <@fields.input name="username" label="Identifiant" value=valueOf('username') autocomplete="username" error=errorOf('username')/>
                    </div>
                </#if>
                <#if passwordRequired??>
                    <div class="fr-fieldset__element">
                        <@fields.password name="password" label="Mot de passe" hint=fields.newPasswordHint()
                            autocomplete="new-password" error=errorOf('password')/>
                    </div>
                    <div class="fr-fieldset__element">
                        <@fields.password name="password-confirm" label="Confirmation du mot de passe" autocomplete="new-password" error=errorOf('password-confirm')/>
                    </div>
                </#if>
            </fieldset>
            <ul class="fr-btns-group">
                <li><button class="fr-btn" type="submit" id="kc-register">Créer mon compte</button></li>
            </ul>
        </form>
        <p class="fr-mt-2w">Vous avez déjà un compte ? <a class="fr-link" href="${url.loginUrl}">Se connecter</a></p>
    </#if>
</@layout.registrationLayout>
